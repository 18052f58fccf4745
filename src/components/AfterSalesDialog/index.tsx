import { Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ChangeEvent } from 'react';
import type { OrderView } from '@cloud/contract';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { uploadImageBlob, uploadImageFile } from '@/services/media';
import Dialog from '../Dialog';
import './index.css';

/** Photos a return may show (the server's limit). */
export const MAX_PHOTOS = 6;

const REASONS: Record<'refund' | 'return', string[]> = {
  refund: ['不想要了', '尺码或颜色拍错了', '发货太慢', '其他'],
  return: ['尺码不合适', '质量问题', '与描述不符', '收到时已破损', '其他'],
};

export interface AfterSalesDialogProps {
  order: OrderView;
  /** refund: 申请退款 before shipment; return: 申请退货 after it, with photos. */
  kind: 'refund' | 'return';
  /** The server took the request: the order, now 退款中. */
  onDone(order: OrderView): void;
  onCancel(): void;
}

/** 申请退款 / 申请退货: a reason (picked, with words of one's own) and, for a return, up to 6 photos. */
export default function AfterSalesDialog({ order, kind, onDone, onCancel }: AfterSalesDialogProps) {
  const [picked, setPicked] = useState<string | null>(null);
  const [words, setWords] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = [picked, words.trim()].filter(Boolean).join('：');

  const addPhoto = async (upload: () => Promise<string>) => {
    setUploading(true);
    setError(null);
    try {
      const url = await upload();
      setPhotos((p) => [...p, url].slice(0, MAX_PHOTOS));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setUploading(false);
    }
  };

  const pickWeapp = async () => {
    try {
      const chosen = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
      const path = chosen.tempFiles[0]?.tempFilePath;
      if (path) await addPhoto(() => uploadImageFile(path, 'photo'));
    } catch {
      // the member closed the picker
    }
  };

  const onH5File = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void addPhoto(() => uploadImageBlob(file, 'photo'));
  };

  const submit = async () => {
    if (reason.length < 2) {
      setError('请选择或填写原因');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(
        kind === 'refund'
          ? await call('order', 'requestRefund', { orderId: order.id, reason })
          : await call('order', 'requestReturn', { orderId: order.id, reason, photos }),
      );
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={kind === 'refund' ? '申请退款' : '申请退货'}
      confirmText='提交申请'
      busy={busy}
      confirmDisabled={uploading}
      error={error}
      onConfirm={() => void submit()}
      onCancel={onCancel}
    >
      <View className='after-sales'>
        <View className='after-sales__hint'>
          {kind === 'refund' ? '商家同意后，货款原路退回，优惠券和库存一并退回。' : '商家同意后按说明寄回商品，收到后退款。'}
        </View>
        <View className='after-sales__reasons'>
          {REASONS[kind].map((r) => (
            <Text
              key={r}
              className={`after-sales__reason ${picked === r ? 'after-sales__reason--active' : ''}`}
              onClick={() => {
                setPicked(picked === r ? null : r);
                setError(null);
              }}
            >
              {r}
            </Text>
          ))}
        </View>
        <Input
          className='after-sales__words'
          value={words}
          maxlength={100}
          placeholder='补充说明（选填）'
          onInput={(e) => setWords(e.detail.value)}
        />
        {kind === 'return' && (
          <View className='after-sales__photos'>
            {photos.map((url) => (
              <Image key={url} className='after-sales__photo' src={imageUrl(url) ?? ''} mode='aspectFill' />
            ))}
            {photos.length < MAX_PHOTOS && (
              <View className='after-sales__add' onClick={() => process.env.TARO_ENV === 'weapp' && !uploading && void pickWeapp()}>
                <Text>{uploading ? '上传中…' : '＋ 照片'}</Text>
                {process.env.TARO_ENV !== 'weapp' && (
                  <input className='after-sales__file' type='file' accept='image/jpeg,image/png,image/webp' aria-label='添加照片' disabled={uploading} onChange={onH5File} />
                )}
              </View>
            )}
          </View>
        )}
      </View>
    </Dialog>
  );
}
