import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import Dialog from '@/components/Dialog';
import { messageOf } from '@/services/errors';
import './forms.css';
import './ShipDialog.css';

/** The carriers most parcels go with; 其他 takes a name typed in. */
export const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', 'EMS'] as const;
const OTHER = '其他';

/** The server's rule for a tracking number (admin-orders.ts). */
const TRACKING_NO = /^[A-Za-z0-9-]{6,40}$/;

export interface ShipDialogProps {
  /** What goes out, e.g. the product's or the gift's name. */
  what: string;
  /** Sends the shipment; a refusal it throws is shown in the dialog. */
  send(carrier: string, trackingNo: string): Promise<void>;
  onCancel(): void;
}

/** Why the carrier or the tracking number cannot be sent as typed, per field. */
function problems(carrier: string, trackingNo: string): { carrier?: string; trackingNo?: string } {
  const out: { carrier?: string; trackingNo?: string } = {};
  if (!carrier) out.carrier = '请选择或填写快递公司';
  else if (carrier.length > 20) out.carrier = '快递公司名称最多 20 个字';
  if (!trackingNo) out.trackingNo = '请填写快递单号';
  else if (!TRACKING_NO.test(trackingNo)) out.trackingNo = '快递单号为 6–40 位字母、数字或 -';
  return out;
}

/** 发货: a carrier (picked, or typed under 其他) and the tracking number, each checked at its field. */
export default function ShipDialog({ what, send, onCancel }: ShipDialogProps) {
  const [picked, setPicked] = useState<string>(CARRIERS[0]);
  const [typedCarrier, setTypedCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const carrier = (picked === OTHER ? typedCarrier : picked).trim();
  const number = trackingNo.trim();
  const found = problems(carrier, number);
  // A field's message shows once it has been typed in, or 确认发货 was tried.
  const shown = {
    carrier: tried || typedCarrier !== '' ? found.carrier : undefined,
    trackingNo: tried || trackingNo !== '' ? found.trackingNo : undefined,
  };

  const submit = async () => {
    setTried(true);
    if (busy || found.carrier || found.trackingNo) return;
    setBusy(true);
    setError(null);
    try {
      await send(carrier, number);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title='发货' confirmText='确认发货' busy={busy} error={error} onConfirm={() => void submit()} onCancel={onCancel}>
      <View className='admin-form ship-dialog'>
        <View className='ship-dialog__what'>{what}</View>
        <Text className='admin-form__label'>快递公司</Text>
        <View className='ship-dialog__carriers'>
          {[...CARRIERS, OTHER].map((c) => (
            <Text key={c} className={`ship-dialog__carrier ${picked === c ? 'ship-dialog__carrier--on' : ''}`} data-carrier={c} onClick={() => setPicked(c)}>
              {c}
            </Text>
          ))}
        </View>
        {picked === OTHER && (
          <Input className='admin-form__input ship-dialog__carrier-input' value={typedCarrier} maxlength={30} placeholder='快递公司名称' onInput={(e) => setTypedCarrier(e.detail.value)} />
        )}
        {shown.carrier && <View className='admin-form__hint ship-dialog__hint--carrier'>{shown.carrier}</View>}
        <Text className='admin-form__label'>快递单号</Text>
        <Input className='admin-form__input ship-dialog__tracking' value={trackingNo} maxlength={40} placeholder='如 SF1234567890' onInput={(e) => setTrackingNo(e.detail.value)} />
        {shown.trackingNo && <View className='admin-form__hint ship-dialog__hint--tracking'>{shown.trackingNo}</View>}
      </View>
    </Dialog>
  );
}
