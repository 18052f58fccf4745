import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ShippingAddress } from '@cloud/contract';
import './index.css';

export interface AddressCardProps {
  address: ShippingAddress;
  /** 默认 beside the name. */
  isDefault?: boolean;
  /** A › at the end: tapping changes it. */
  onClick?(): void;
  /** Actions under the address (the address book's 设为默认 / 编辑 / 删除). */
  children?: ReactNode;
}

/** A shipping address: 收货人 and phone (the middle digits hidden), region and street. */
export default function AddressCard({ address, isDefault, onClick, children }: AddressCardProps) {
  return (
    <View className={`address-card ${onClick ? 'address-card--link' : ''}`} onClick={onClick}>
      <View className='address-card__main'>
        <View className='address-card__who'>
          <Text className='address-card__name'>{address.name}</Text>
          <Text className='address-card__phone'>{maskPhone(address.phone)}</Text>
          {isDefault && <Text className='address-card__default'>默认</Text>}
        </View>
        <View className='address-card__where'>
          {address.region} {address.detail}
        </View>
        {children}
      </View>
      {onClick && <Text className='address-card__arrow'>›</Text>}
    </View>
  );
}

/** 138****8000: a phone on screen need not be read over a shoulder. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
