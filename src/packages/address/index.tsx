import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { SavedAddress } from '@cloud/contract';
import AddressCard from '@/components/AddressCard';
import AddressEditor from '@/components/AddressEditor';
import Dialog from '@/components/Dialog';
import SessionGate from '@/components/SessionGate';
import Skeleton from '@/components/Skeleton';
import { useCall } from '@/hooks/use-call';
import { call, showError } from '@/services/api';
import { messageOf } from '@/services/errors';
import './index.css';

/** What the editor is open for: a new address, or one to change. */
type Editing = { address: SavedAddress | null } | null;

/** 收货地址: my addresses, the default first; add (in weapp from WeChat's own), edit, make default, remove. */
export function AddressBookScreen() {
  const book = useCall(() => call('address', 'list', {}), []);
  const addresses = book.data;
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<SavedAddress | null>(null);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const makeDefault = async (a: SavedAddress) => {
    const { id, isDefault: _isDefault, ...address } = a;
    try {
      await call('address', 'save', { id, address, isDefault: true });
      await book.reload();
    } catch (err) {
      showError(err);
    }
  };

  const remove = async () => {
    if (!removing || busy) return;
    setBusy(true);
    setRemoveError(null);
    try {
      await call('address', 'remove', { id: removing.id });
      setRemoving(null);
      await book.reload();
      void Taro.showToast({ title: '已删除', icon: 'none', duration: 1500 });
    } catch (err) {
      setRemoveError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='app-page address-page'>
      {addresses === null ? (
        book.error ? (
          <View className='address-page__msg' onClick={() => void book.reload()}>
            {book.error}，点击重试
          </View>
        ) : (
          <View className='address-page__card'>
            <Skeleton className='address-page__skeleton' />
          </View>
        )
      ) : addresses.length === 0 ? (
        <View className='address-page__msg'>还没有收货地址，添加一个，下单时就不用再填了</View>
      ) : (
        addresses.map((a) => (
          <View key={a.id} className='address-page__card' data-address={a.id}>
            <AddressCard address={a} isDefault={a.isDefault}>
              <View className='address-page__actions'>
                {!a.isDefault && (
                  <Text className='address-page__action address-page__make-default' onClick={() => void makeDefault(a)}>
                    设为默认
                  </Text>
                )}
                <Text className='address-page__action address-page__edit' onClick={() => setEditing({ address: a })}>
                  编辑
                </Text>
                <Text
                  className='address-page__action address-page__remove'
                  onClick={() => {
                    setRemoveError(null);
                    setRemoving(a);
                  }}
                >
                  删除
                </Text>
              </View>
            </AddressCard>
          </View>
        ))
      )}

      {addresses !== null && (
        <View className='address-page__bar'>
          <Button className='address-page__add' onClick={() => setEditing({ address: null })}>
            新增收货地址
          </Button>
        </View>
      )}

      {editing && (
        <AddressEditor
          editing={editing.address}
          offerDefault={(addresses?.length ?? 0) > 0}
          onSaved={() => {
            setEditing(null);
            void book.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      {removing && (
        <Dialog
          title='删除收货地址'
          confirmText='删除'
          busy={busy}
          error={removeError}
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(null)}
        >
          <View className='address-page__confirm'>
            删除「{removing.name} {removing.region} {removing.detail}」？已下的订单不受影响。
          </View>
        </Dialog>
      )}
    </View>
  );
}

export default function AddressBookPage() {
  return (
    <SessionGate>
      <AddressBookScreen />
    </SessionGate>
  );
}
