import { View } from '@tarojs/components';
import type { SavedAddress } from '@cloud/contract';
import AddressCard from '../AddressCard';
import Dialog from '../Dialog';
import './index.css';

export interface AddressPickerProps {
  addresses: SavedAddress[];
  selectedId: string | null;
  onPick(address: SavedAddress): void;
  onAdd(): void;
  onCancel(): void;
}

/** 选择收货地址 at checkout: my addresses, the chosen one marked; 新增地址 opens the form. */
export default function AddressPicker({ addresses, selectedId, onPick, onAdd, onCancel }: AddressPickerProps) {
  return (
    <Dialog title='选择收货地址' confirmText='新增地址' onConfirm={onAdd} onCancel={onCancel}>
      <View className='address-picker'>
        {addresses.map((a) => (
          <View
            key={a.id}
            className={`address-picker__option ${a.id === selectedId ? 'address-picker__option--active' : ''}`}
            data-address={a.id}
            onClick={() => onPick(a)}
          >
            <AddressCard address={a} isDefault={a.isDefault} />
          </View>
        ))}
      </View>
    </Dialog>
  );
}
