import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { ShippingAddress } from '@cloud/contract';
import Dialog from '../Dialog';
import './index.css';

export interface AddressFormProps {
  /** What is being shipped, e.g. 品牌帆布袋 (none in the address book). */
  itemName?: string;
  /** A lottery prize (奖品) or goods from the points mall, redeemed or bought (商品). */
  kind?: 'prize' | 'goods';
  /** The dialog's title; 填写收货地址 unless given. */
  title?: string;
  initial?: ShippingAddress | null;
  /** More rows below the fields (the address book's 设为默认). */
  children?: ReactNode;
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

/** WeChat's own address book (wx.chooseAddress) as our fields; null when the member backs out. */
async function wechatAddress(): Promise<ShippingAddress | null> {
  try {
    const a = await Taro.chooseAddress();
    return {
      name: a.userName,
      phone: a.telNumber.replace(/[\s-]+/g, ''),
      region: [a.provinceName, a.cityName, a.countyName].filter(Boolean).join(' '),
      detail: a.detailInfo,
    };
  } catch {
    return null;
  }
}

const KIND_LABELS: Record<NonNullable<AddressFormProps['kind']>, string> = { prize: '奖品', goods: '商品' };

/** 填写收货地址 for a physical prize, goods from the points mall or the address book; in weapp WeChat's address picker can fill it. */
export default function AddressForm({ itemName, kind, title = '填写收货地址', initial, children, busy, error, onSubmit, onCancel }: AddressFormProps) {
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
    <Dialog title={title} confirmText='提交' busy={busy} error={invalid ?? error} onConfirm={submit} onCancel={onCancel}>
      <View className='address-form'>
        {itemName && kind && (
          <View className='address-form__item'>
            {KIND_LABELS[kind]}：{itemName}
          </View>
        )}
        {process.env.TARO_ENV === 'weapp' && (
          <Button
            className='address-form__wechat'
            onClick={() =>
              void wechatAddress().then((picked) => {
                if (!picked) return;
                setValue(picked);
                setInvalid(null);
              })
            }
          >
            使用微信收货地址
          </Button>
        )}
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
        {children}
      </View>
    </Dialog>
  );
}
