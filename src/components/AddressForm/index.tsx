import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ShippingAddress } from '@cloud/contract';
import Dialog from '../Dialog';
import './index.css';

export interface AddressFormProps {
  /** What is being shipped, e.g. 品牌帆布袋. */
  itemName: string;
  /** A lottery prize (奖品) or goods from the points mall, redeemed or bought (商品). */
  kind: 'prize' | 'goods';
  initial?: ShippingAddress | null;
  busy?: boolean;
  /** The server's refusal, shown in the dialog. */
  error?: string | null;
  onSubmit(address: ShippingAddress): void;
  onCancel(): void;
}

const PHONE = /^1\d{10}$/;

/** The checks the server makes (cloud/contract address), with Chinese messages; null when fine. */
export function checkAddress(a: ShippingAddress): string | null {
  if (!a.name.trim() || a.name.trim().length > 20) return '请填写收货人姓名（20 字以内）';
  if (!PHONE.test(a.phone)) return '请填写 11 位手机号码';
  if (a.region.trim().length < 2 || a.region.trim().length > 60) return '请填写所在地区，如 上海市 静安区';
  if (a.detail.trim().length < 2 || a.detail.trim().length > 120) return '请填写详细地址（街道、门牌号）';
  return null;
}

const FIELDS: Array<{ key: keyof ShippingAddress; label: string; placeholder: string; max: number; type?: 'number' }> = [
  { key: 'name', label: '收货人', placeholder: '姓名', max: 20 },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号码', max: 11, type: 'number' },
  { key: 'region', label: '所在地区', placeholder: '省 市 区', max: 60 },
  { key: 'detail', label: '详细地址', placeholder: '街道、门牌号', max: 120 },
];

const KIND_LABELS: Record<AddressFormProps['kind'], string> = { prize: '奖品', goods: '商品' };

/** 填写收货地址 for a physical prize or goods from the points mall. */
export default function AddressForm({ itemName, kind, initial, busy, error, onSubmit, onCancel }: AddressFormProps) {
  const [value, setValue] = useState<ShippingAddress>(initial ?? { name: '', phone: '', region: '', detail: '' });
  const [invalid, setInvalid] = useState<string | null>(null);
  const set = (key: keyof ShippingAddress, v: string) => {
    setValue((s) => ({ ...s, [key]: v }));
    setInvalid(null);
  };
  const submit = () => {
    const trimmed = {
      name: value.name.trim(),
      phone: value.phone.replace(/\s+/g, ''),
      region: value.region.trim(),
      detail: value.detail.trim(),
    };
    const problem = checkAddress(trimmed);
    if (problem) setInvalid(problem);
    else onSubmit(trimmed);
  };
  return (
    <Dialog title='填写收货地址' confirmText='提交' busy={busy} error={invalid ?? error} onConfirm={submit} onCancel={onCancel}>
      <View className='address-form'>
        <View className='address-form__item'>
          {KIND_LABELS[kind]}：{itemName}
        </View>
        {FIELDS.map((f) => (
          <View key={f.key} className='address-form__row'>
            <Text className='address-form__label'>{f.label}</Text>
            <Input
              className={`address-form__input address-form__input--${f.key}`}
              value={value[f.key]}
              maxlength={f.max}
              type={f.type === 'number' ? 'number' : 'text'}
              placeholder={f.placeholder}
              onInput={(e) => set(f.key, e.detail.value)}
            />
          </View>
        ))}
      </View>
    </Dialog>
  );
}
