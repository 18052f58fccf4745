import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrderView, PaymentStart } from '@cloud/contract';
import Dialog from '../Dialog';
import { call } from '@/services/api';
import { messageOf } from '@/services/errors';
import { confirmSandboxPayment, requestWechatPayment, waitUntilPaid } from '@/services/payment';
import { formatYuanExact } from '@/utils/money';
import './index.css';

export interface PayDialogProps {
  orderId: string;
  /** The server booked the payment: the paid order. */
  onPaid(order: OrderView): void;
  /** The member left without paying (the order stays pending until it expires). */
  onClose(): void;
}

type Step =
  | { kind: 'starting' }
  | { kind: 'sandbox'; start: PaymentStart }
  | { kind: 'wechat' }
  | { kind: 'checking' }
  | { kind: 'unconfirmed' }
  | { kind: 'failed'; message: string };

/**
 * Pays one order: `order.pay`, then the sandbox's 模拟支付 step or WeChat Pay's sheet, then
 * waits until the server says the order is paid. Used by 确认订单 and 我的订单 alike.
 */
export default function PayDialog({ orderId, onPaid, onClose }: PayDialogProps) {
  const [step, setStep] = useState<Step>({ kind: 'starting' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);
  const handlers = useRef({ onPaid, onClose });
  handlers.current = { onPaid, onClose };

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  /** Asks until the server has booked the payment; `quiet` keeps the current step on screen meanwhile. */
  const check = useCallback(
    async (quiet = false) => {
      if (!quiet) setStep({ kind: 'checking' });
      setError(null);
      try {
        const order = await waitUntilPaid(orderId);
        if (!live.current) return;
        if (order.status === 'paid') handlers.current.onPaid(order);
        else if (order.status === 'pending') setStep({ kind: 'unconfirmed' });
        else setStep({ kind: 'failed', message: '订单已取消，请重新下单' });
      } catch (err) {
        if (live.current) {
          setStep({ kind: 'unconfirmed' });
          setError(messageOf(err));
        }
      }
    },
    [orderId],
  );

  const start = useCallback(async () => {
    setStep({ kind: 'starting' });
    setError(null);
    try {
      const payment = await call('order', 'pay', { orderId });
      if (!live.current) return;
      if (payment.provider === 'sandbox' && payment.sandbox) {
        setStep({ kind: 'sandbox', start: payment });
        return;
      }
      if (payment.provider === 'wechat' && payment.wechat) {
        setStep({ kind: 'wechat' });
        const paid = await requestWechatPayment(payment.wechat);
        if (!live.current) return;
        if (!paid) {
          void Taro.showToast({ title: '已取消支付', icon: 'none', duration: 1500 });
          handlers.current.onClose();
          return;
        }
        await check();
        return;
      }
      setStep({ kind: 'failed', message: '暂时无法支付，请稍后再试' });
    } catch (err) {
      if (live.current) setStep({ kind: 'failed', message: messageOf(err) });
    }
  }, [orderId, check]);

  useEffect(() => {
    void start();
  }, [start]);

  const confirmSandbox = async (token: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const order = await confirmSandboxPayment(token);
      if (!live.current) return;
      if (order.status === 'paid') handlers.current.onPaid(order);
      else await check(true);
    } catch (err) {
      if (live.current) setError(messageOf(err));
    } finally {
      if (live.current) setBusy(false);
    }
  };

  const close = () => handlers.current.onClose();

  // Each step mounts its own dialog: the H5 Button (a web component) must not see its loading
  // state and its text change in one update, which breaks its rendering.
  switch (step.kind) {
    case 'sandbox':
      return (
        <Dialog
          key='sandbox'
          title={`模拟支付 ${formatYuanExact(step.start.totalFen)}`}
          confirmText={error ? '重试' : '确认支付'}
          cancelText='取消'
          busy={busy}
          error={error}
          onConfirm={() => void confirmSandbox(step.start.sandbox!.token)}
          onCancel={close}
        >
          <View className='pay-dialog__note'>本地沙箱支付，不会产生真实扣款。</View>
        </Dialog>
      );
    case 'unconfirmed':
      return (
        <Dialog key='unconfirmed' title='支付结果确认中' confirmText='再查一次' cancelText='关闭' error={error} onConfirm={() => void check()} onCancel={close}>
          <View className='pay-dialog__note'>还没有收到支付结果。如已付款，请稍后在「我的订单」查看。</View>
        </Dialog>
      );
    case 'failed':
      return (
        <Dialog key='failed' title='无法支付' confirmText='知道了' cancelText='关闭' error={step.message} onConfirm={close} onCancel={close}>
          <View className='pay-dialog__note'>可在「我的订单」查看这笔订单的状态。</View>
        </Dialog>
      );
    default: {
      const title = step.kind === 'wechat' ? '微信支付' : step.kind === 'checking' ? '正在确认支付结果' : '正在发起支付';
      return (
        <Dialog key='waiting' title={title} confirmText='请稍候' busy onConfirm={() => undefined} onCancel={close}>
          <View className='pay-dialog__note'>{step.kind === 'wechat' ? '请在微信支付中完成付款' : '请稍候…'}</View>
        </Dialog>
      );
    }
  }
}
