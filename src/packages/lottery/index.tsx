import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { AwardView, DrawResult, LotteryCampaignView, ShippingAddress } from '@cloud/contract';
import AddressForm from '@/components/AddressForm';
import AwardDialog from '@/components/AwardDialog';
import AwardList from '@/components/AwardList';
import Dialog from '@/components/Dialog';
import EmptyState from '@/components/EmptyState';
import LotteryMachine from '@/components/LotteryMachine';
import LotteryRules, { brandTime } from '@/components/LotteryRules';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { usePaged } from '@/hooks/use-paged';
import { call, showError } from '@/services/api';
import { messageOf } from '@/services/errors';
import { MALL_URL } from '@/services/navigation';
import { createIntent } from '@/services/request-id';
import { useMemberStore } from '@/stores/member';
import './index.css';
import { flag } from '@/utils/flag';

export const WALLET_URL = '/packages/wallet/index';

export function LotteryScreen({ stepMs }: { stepMs?: number }) {
  const balance = useMemberStore((s) => s.balance);
  // Wrapped: `null` is an answer here (no campaign open), not "not loaded yet".
  const current = useCall(async () => {
    const campaign = await call('lottery', 'current', {});
    call('points', 'balance', {})
      .then((b) => useMemberStore.setState({ balance: b.balance }))
      .catch(() => undefined);
    return { campaign };
  }, []);
  const campaign = current.data ? current.data.campaign : undefined;
  const setCampaign = (update: (c: LotteryCampaignView | null) => LotteryCampaignView | null) =>
    current.setData((d) => (d ? { campaign: update(d.campaign) } : d));
  const awards = usePaged((cursor) => call('lottery', 'awards', cursor ? { cursor } : {}), []);
  const [result, setResult] = useState<DrawResult | null>(null);
  const [addressFor, setAddressFor] = useState<AwardView | null>(null);
  const [addressBusy, setAddressBusy] = useState(false);
  const [addressError, setAddressError] = useState<string | null>(null);
  const [confirmPoints, setConfirmPoints] = useState(false);
  const confirmResolve = useRef<((ok: boolean) => void) | null>(null);
  const intent = useRef(createIntent());

  const askPoints = () =>
    new Promise<boolean>((resolve) => {
      confirmResolve.current = resolve;
      setConfirmPoints(true);
    });
  const answerPoints = (ok: boolean) => {
    setConfirmPoints(false);
    confirmResolve.current?.(ok);
    confirmResolve.current = null;
  };

  const onDraw = async (): Promise<DrawResult | null> => {
    if (!campaign) return null;
    const payWithPoints = campaign.myChances <= 0;
    if (payWithPoints && (!campaign.pointsPerExtraDraw || !(await askPoints()))) return null;
    // One request id per intent: a retry after a lost answer draws nothing new.
    const requestId = intent.current.id(payWithPoints ? 'points' : 'chance');
    try {
      const drawn = await call('lottery', 'draw', { campaignId: campaign.id, requestId, ...(payWithPoints ? { payWithPoints: true } : {}) });
      intent.current.settle();
      return drawn;
    } catch (err) {
      intent.current.settle(err);
      showError(err);
      // The chances or the day's limit may have changed: show the server's numbers.
      call('lottery', 'current', {})
        .then((c) => setCampaign(() => c))
        .catch(() => undefined);
      return null;
    }
  };

  const onStop = (drawn: DrawResult) => {
    setResult(drawn);
    setCampaign((c) =>
      c ? { ...c, myChances: drawn.chancesLeft, myDrawsToday: c.myDrawsToday + 1, myDrawsLeftToday: Math.max(0, c.myDrawsLeftToday - 1) } : c,
    );
    // The server's count of the draws left today (the day's limit and the chances together).
    call('lottery', 'current', {})
      .then((c) => setCampaign(() => c))
      .catch(() => undefined);
    useMemberStore.setState({ balance: drawn.balance });
    void awards.reload();
  };

  const openAddress = (award: AwardView) => {
    setResult(null);
    setAddressError(null);
    setAddressFor(award);
  };

  const submitAddress = async (address: ShippingAddress) => {
    if (!addressFor || addressBusy) return;
    setAddressBusy(true);
    setAddressError(null);
    try {
      const updated = await call('lottery', 'setAddress', { awardId: addressFor.id, address });
      awards.setItems((list) => list.map((a) => (a.id === updated.id ? updated : a)));
      setAddressFor(null);
      void Taro.showToast({ title: '地址已提交，我们将尽快寄出', icon: 'none', duration: 2000 });
    } catch (err) {
      setAddressError(messageOf(err));
    } finally {
      setAddressBusy(false);
    }
  };

  const goWallet = () => {
    setResult(null);
    void Taro.navigateTo({ url: WALLET_URL });
  };

  if (campaign === undefined) {
    return (
      <View className='app-page lottery-page'>
        {current.error ? (
          <View className='lottery-page__msg' onClick={() => void current.reload()}>
            {current.error}，点击重试
          </View>
        ) : (
          <View className='lottery-page__msg'>加载中…</View>
        )}
      </View>
    );
  }
  if (campaign === null) {
    return (
      <View className='app-page lottery-page'>
        <EmptyState text='暂无进行中的抽奖活动，敬请期待' action={{ text: '去积分商城', url: MALL_URL }} />
      </View>
    );
  }

  const chances = campaign.myChances;
  const limitReached = campaign.myDrawsToday >= campaign.limits.drawsPerDay;
  const canPayPoints = chances <= 0 && !!campaign.pointsPerExtraDraw;
  const disabled = limitReached || (chances <= 0 && !canPayPoints);
  const buttonSub = limitReached
    ? '今日次数已用完'
    : chances > 0
      ? `今日还可抽 ${campaign.myDrawsLeftToday} 次`
      : canPayPoints
        ? `用 ${campaign.pointsPerExtraDraw} 积分抽一次`
        : '签到获得机会';

  return (
    <View className='app-page lottery-page'>
      <View className='lottery-page__head'>
        <Text className='lottery-page__title'>{campaign.name}</Text>
        <Text className='lottery-page__window'>
          {brandTime(campaign.startsAt)} 至 {brandTime(campaign.endsAt)}
        </Text>
        <View className='lottery-page__chances'>
          今日还可抽 <Text className='lottery-page__chances-num'>{campaign.myDrawsLeftToday}</Text> 次
          <Text className='lottery-page__today'>
            （已抽 {campaign.myDrawsToday}/{campaign.limits.drawsPerDay}），抽奖机会共 {chances} 次
          </Text>
        </View>
        {canPayPoints && !limitReached && (
          <View className='lottery-page__points-hint'>
            抽奖机会已用完，可用 {campaign.pointsPerExtraDraw} 积分抽一次{balance !== null ? `（当前积分 ${balance}）` : ''}
          </View>
        )}
      </View>
      <LotteryMachine
        prizes={campaign.prizes}
        disabled={flag(disabled)}
        buttonText='抽奖'
        buttonSub={buttonSub}
        onDraw={onDraw}
        onStop={onStop}
        stepMs={stepMs}
      />
      <View className='lottery-page__section'>
        <AwardList
          items={awards.items ?? []}
          loaded={awards.items !== null}
          hasMore={awards.hasMore}
          loading={flag(awards.loading)}
          error={awards.error}
          onMore={() => void (awards.items ? awards.loadMore() : awards.reload())}
          onAddress={openAddress}
          onWallet={goWallet}
        />
      </View>
      <View className='lottery-page__section'>
        <LotteryRules campaign={campaign} />
      </View>
      {confirmPoints && (
        <Dialog title='积分抽奖' confirmText='确认抽奖' onConfirm={() => answerPoints(true)} onCancel={() => answerPoints(false)}>
          <View>
            抽奖机会已用完，确认用 {campaign.pointsPerExtraDraw} 积分抽一次？{balance !== null ? `当前积分 ${balance}。` : ''}
          </View>
        </Dialog>
      )}
      {result && <AwardDialog result={result} onClose={() => setResult(null)} onWallet={goWallet} onAddress={openAddress} />}
      {addressFor && (
        <AddressForm
          kind='prize'
          itemName={addressFor.prize.name}
          initial={addressFor.address}
          busy={addressBusy}
          error={addressError}
          onSubmit={(a) => void submitAddress(a)}
          onCancel={() => setAddressFor(null)}
        />
      )}
    </View>
  );
}

export default function LotteryPage() {
  return (
    <SessionGate>
      <LotteryScreen />
    </SessionGate>
  );
}
