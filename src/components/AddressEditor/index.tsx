import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { SavedAddress, ShippingAddress } from '@cloud/contract';
import { call } from '@/services/api';
import { isApiError, messageOf } from '@/services/errors';
import { useMemberStore } from '@/stores/member';
import AddressForm from '../AddressForm';
import ConsentDialog from '../ConsentDialog';
import './index.css';

export interface AddressEditorProps {
  /** The address to change; absent: a new one. */
  editing?: SavedAddress | null;
  /** The first address is the default anyway: the switch is shown from the second on. */
  offerDefault: boolean;
  onSaved(id: string): void;
  onCancel(): void;
}

/**
 * 新增 / 编辑收货地址 through address.save. An address is personal data: before a first consent
 * the privacy guide is shown, and 同意 saves what was typed.
 */
export default function AddressEditor({ editing, offerDefault, onSaved, onCancel }: AddressEditorProps) {
  const acceptConsent = useMemberStore((s) => s.acceptConsent);
  const [makeDefault, setMakeDefault] = useState(editing?.isDefault ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The address waiting for consent before it is saved. */
  const [awaitingConsent, setAwaitingConsent] = useState<ShippingAddress | null>(null);
  /** What was last submitted: the form shows it again after the privacy guide or a refusal. */
  const [draft, setDraft] = useState<ShippingAddress | null>(editing ? { name: editing.name, phone: editing.phone, region: editing.region, detail: editing.detail } : null);

  const save = async (address: ShippingAddress) => {
    setDraft(address);
    setBusy(true);
    setError(null);
    try {
      const saved = await call('address', 'save', { ...(editing ? { id: editing.id } : {}), address, ...(makeDefault ? { isDefault: true } : {}) });
      onSaved(saved.id);
    } catch (err) {
      if (isApiError(err) && err.code === 'CONSENT_REQUIRED') setAwaitingConsent(address);
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  if (awaitingConsent) {
    return (
      <ConsentDialog
        busy={busy}
        error={error}
        onAgree={() =>
          void (async () => {
            setBusy(true);
            try {
              await acceptConsent();
            } catch (err) {
              setError(messageOf(err));
              setBusy(false);
              return;
            }
            setAwaitingConsent(null);
            await save(awaitingConsent);
          })()
        }
        onDisagree={() => {
          setAwaitingConsent(null);
          setError('同意隐私保护指引后才能保存收货地址');
        }}
      />
    );
  }

  return (
    <AddressForm title={editing ? '编辑收货地址' : '新增收货地址'} initial={draft} busy={busy} error={error} onSubmit={(a) => void save(a)} onCancel={onCancel}>
      {offerDefault && !editing?.isDefault && (
        <View className='address-editor__default' onClick={() => setMakeDefault(!makeDefault)}>
          <Text>设为默认地址</Text>
          {/* A drawn switch: H5's HTML components have no Switch. */}
          <View className={`address-editor__switch ${makeDefault ? 'address-editor__switch--on' : ''}`} role='switch' aria-checked={makeDefault} />
        </View>
      )}
    </AddressForm>
  );
}
