import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { CouponTemplateView } from '@cloud/contract';
import Dialog from '@/components/Dialog';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { createIntent } from '@/services/request-id';
import OptionSheet from './OptionSheet';
import { templateOptions } from './coupon-templates';
import './forms.css';

export interface IssueCouponDialogProps {
  /** Who gets it, as the dialog says it (小林, 分群「签到达人」的 12 人). */
  to: string;
  /** Sends the coupon with the intent's request id; resolves with what to report. */
  send(templateId: string, requestId: string): Promise<void>;
  onCancel(): void;
}

/**
 * 发放优惠券: pick a template (admin.couponTemplates, the active ones), then 发放. One request id
 * per intent (the template picked): a retry after a lost answer is the same request.
 */
export default function IssueCouponDialog({ to, send, onCancel }: IssueCouponDialogProps) {
  const templates = useCall(() => call('admin', 'couponTemplates', {}), []);
  const [picked, setPicked] = useState<CouponTemplateView | null>(null);
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intent = useRef(createIntent());

  const submit = async () => {
    if (!picked || busy) return;
    setBusy(true);
    setError(null);
    try {
      await send(picked.id, intent.current.id(picked.id));
      intent.current.settle();
    } catch (err) {
      intent.current.settle(err);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Dialog title='发放优惠券' confirmText='发放' busy={busy} error={error} confirmDisabled={!picked} onConfirm={() => void submit()} onCancel={onCancel}>
        <View className='admin-form'>
          <View className='admin-form__row'>
            <Text className='admin-form__label'>发给</Text>
            <Text className='admin-form__value'>{to}</Text>
          </View>
          <View className='admin-form__picker admin-form__template' onClick={() => setPicking(true)}>
            <Text className={picked ? 'admin-form__picked' : 'admin-form__placeholder'}>{picked ? picked.name : '选择优惠券'}</Text>
            <Text className='admin-form__chevron'>›</Text>
          </View>
          {picked && <View className='admin-form__preview'>{templateOptions([picked])[0]?.sub}</View>}
        </View>
      </Dialog>
      {picking && (
        <OptionSheet
          title='选择优惠券'
          options={templateOptions(templates.data ?? [])}
          loading={templates.loading && !templates.data}
          error={templates.error}
          empty='没有可发放的优惠券'
          selected={picked ? [picked.id] : []}
          onPick={([id]) => {
            setPicked(templates.data?.find((t) => t.id === id) ?? null);
            setError(null);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </>
  );
}
