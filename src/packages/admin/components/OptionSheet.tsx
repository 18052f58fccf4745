import { Button, ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { flag } from '@/utils/flag';
import './OptionSheet.css';

export interface SheetOption {
  value: string;
  name: string;
  /** A second line (a tag's member count, a template's condition). */
  sub?: string;
  group?: string;
}

export interface OptionSheetProps {
  title: string;
  options: readonly SheetOption[];
  /** Several may be picked (确定 confirms them); otherwise a tap picks one and closes. */
  multiple?: boolean;
  selected?: readonly string[];
  /** While the options load, or why they did not. */
  loading?: boolean;
  error?: string | null;
  empty?: string;
  onPick(values: string[]): void;
  onClose(): void;
}

const WEAPP_ONLY_CATCH_MOVE = process.env.TARO_ENV === 'weapp' ? { catchMove: true } : {};

/** A sheet from the bottom with options to pick, grouped when they say so (the app's own picker, the same in weapp and H5). */
export default function OptionSheet({ title, options, multiple = false, selected = [], loading, error, empty = '没有可选项', onPick, onClose }: OptionSheetProps) {
  const [picked, setPicked] = useState<string[]>([...selected]);
  const toggle = (value: string) => {
    if (!multiple) {
      onPick([value]);
      return;
    }
    setPicked((p) => (p.includes(value) ? p.filter((v) => v !== value) : [...p, value]));
  };
  let lastGroup: string | undefined;
  return (
    <View className='option-sheet' {...WEAPP_ONLY_CATCH_MOVE} onClick={onClose}>
      <View className='option-sheet__panel' role='dialog' aria-label={title} onClick={(e) => e.stopPropagation()}>
        <View className='option-sheet__head'>
          <Text className='option-sheet__close' onClick={onClose}>
            取消
          </Text>
          <Text className='option-sheet__title'>{title}</Text>
          {multiple ? (
            <Text className='option-sheet__done' onClick={() => onPick(picked)}>
              确定
            </Text>
          ) : (
            <Text className='option-sheet__spacer' />
          )}
        </View>
        <ScrollView className='option-sheet__list' scrollY>
          {loading && <View className='option-sheet__msg'>加载中…</View>}
          {!loading && error && <View className='option-sheet__msg option-sheet__msg--error'>{error}</View>}
          {!loading && !error && options.length === 0 && <View className='option-sheet__msg'>{empty}</View>}
          {options.map((o) => {
            const on = (multiple ? picked : selected).includes(o.value);
            const heading = o.group && o.group !== lastGroup ? o.group : null;
            lastGroup = o.group;
            return (
              <View key={o.value}>
                {heading && <View className='option-sheet__group'>{heading}</View>}
                <View
                  className={`option-sheet__option ${on ? 'option-sheet__option--on' : ''}`}
                  data-value={o.value}
                  role='option'
                  aria-selected={on}
                  onClick={() => toggle(o.value)}
                >
                  <View className='option-sheet__texts'>
                    <Text className='option-sheet__name'>{o.name}</Text>
                    {o.sub && <Text className='option-sheet__sub'>{o.sub}</Text>}
                  </View>
                  {on && <Text className='option-sheet__check'>✓</Text>}
                </View>
              </View>
            );
          })}
        </ScrollView>
        {multiple && (
          <Button className='option-sheet__confirm' disabled={flag(picked.length === 0)} onClick={() => onPick(picked)}>
            确定{picked.length ? `（${picked.length}）` : ''}
          </Button>
        )}
      </View>
    </View>
  );
}
