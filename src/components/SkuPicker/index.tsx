import { Text, View } from '@tarojs/components';
import type { SkuView } from '@cloud/contract';
import './index.css';

export interface SkuChoice {
  color: string | null;
  size: string | null;
}

type Dimension = keyof SkuChoice;

const distinct = (skus: SkuView[], dim: Dimension) => [...new Set(skus.map((s) => s[dim]))];

/** A dimension with one value (or none, e.g. one size) is chosen already: nothing to pick. */
export function initialChoice(skus: SkuView[]): SkuChoice {
  const only = (dim: Dimension) => {
    const values = distinct(skus, dim);
    return values.length === 1 ? values[0]! : null;
  };
  return { color: only('color'), size: only('size') };
}

/** The SKU of a complete choice, or null. */
export function chosenSku(skus: SkuView[], choice: SkuChoice): SkuView | null {
  if (choice.color === null || choice.size === null) return null;
  return skus.find((s) => s.color === choice.color && s.size === choice.size) ?? null;
}

/** Whether `value` can be picked with what is chosen on the other dimension: some SKU has stock. */
function available(skus: SkuView[], choice: SkuChoice, dim: Dimension, value: string): boolean {
  const other: Dimension = dim === 'color' ? 'size' : 'color';
  return skus.some((s) => s[dim] === value && s.stock > 0 && (choice[other] === null || s[other] === choice[other]));
}

export interface SkuPickerProps {
  skus: SkuView[];
  choice: SkuChoice;
  onChange(choice: SkuChoice): void;
}

const LABELS: Record<Dimension, string> = { color: '颜色', size: '尺码' };

/** 颜色 and 尺码 chips; a value without stock (with the other choice) cannot be picked. */
export default function SkuPicker({ skus, choice, onChange }: SkuPickerProps) {
  const sku = chosenSku(skus, choice);
  const dims = (['color', 'size'] as const).filter((dim) => distinct(skus, dim).some((v) => v !== ''));
  return (
    <View className='sku-picker'>
      {dims.map((dim) => (
        <View key={dim} className={`sku-picker__dim sku-picker__dim--${dim}`}>
          <Text className='sku-picker__label'>{LABELS[dim]}</Text>
          <View className='sku-picker__options'>
            {distinct(skus, dim).map((value) => {
              const enabled = available(skus, choice, dim, value);
              const selected = choice[dim] === value;
              return (
                <View
                  key={value}
                  className={`sku-picker__option ${selected ? 'sku-picker__option--selected' : ''} ${enabled ? '' : 'sku-picker__option--disabled'}`}
                  data-value={value}
                  aria-disabled={!enabled}
                  onClick={() => {
                    if (!enabled) return;
                    const next = { ...choice, [dim]: selected && distinct(skus, dim).length > 1 ? null : value };
                    // A size out of stock in the new colour (or the reverse) is let go of.
                    const other: Dimension = dim === 'color' ? 'size' : 'color';
                    const kept = next[other];
                    if (kept !== null && distinct(skus, other).length > 1 && !available(skus, next, other, kept)) next[other] = null;
                    onChange(next);
                  }}
                >
                  {value}
                </View>
              );
            })}
          </View>
        </View>
      ))}
      <View className='sku-picker__status'>
        {sku ? (sku.stock > 0 ? `已选 ${sku.label} · 库存 ${sku.stock} 件` : `${sku.label} 已售罄`) : `请选择${dims.map((d) => LABELS[d]).join('和')}`}
      </View>
    </View>
  );
}
