import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { BrandSettings } from '@cloud/contract';
import AdminGate from '@/components/AdminGate';
import SessionGate from '@/components/SessionGate';
import { useCall } from '@/hooks/use-call';
import { call } from '@/services/api';
import { fieldMessages, messageOf } from '@/services/errors';
import { flag } from '@/utils/flag';
import { formatYuan } from '@/utils/money';
import ListSkeleton from '../components/ListSkeleton';
import { ChoiceField, NumberField, PickField, TextField } from '../components/Fields';
import type { SheetOption } from '../components/OptionSheet';
import { templateOptions } from '../components/coupon-templates';
import { useEditForm, type EditForm } from '../components/use-edit-form';
import '../components/list.css';
import '../components/editor.css';
import './index.css';

/** The rules kept outside the settings object, each on its own screen. */
export const LINKS = [
  { key: 'campaigns', title: '抽奖活动', sub: '奖品与中奖概率', url: '/packages/admin/campaigns/index' },
  { key: 'coupons', title: '券模板', sub: '满减 · 折扣 · 有效期', url: '/packages/admin/coupons/index' },
  { key: 'mall', title: '积分商城', sub: '兑换商品 · 库存 · 限兑', url: '/packages/admin/mall/index' },
  { key: 'products', title: '商品管理', sub: '规格 · 价格 · 库存 · 新款首发', url: '/packages/admin/products/index' },
  { key: 'categories', title: '商品分类', sub: '名称 · 图标 · 排序', url: '/packages/admin/categories/index' },
  { key: 'flash-sales', title: '秒杀活动', sub: '秒杀价 · 库存 · 时间 · 限购', url: '/packages/admin/flash-sales/index' },
  { key: 'banners', title: '首页横幅', sub: '图片 · 跳转商品 · 排序', url: '/packages/admin/banners/index' },
] as const;
export const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;
const WEEKDAY_OPTIONS: SheetOption[] = WEEKDAYS.map((name, i) => ({ value: String(i + 1), name }));
const TIER_INDEXES = [0, 1, 2, 3] as const;
const REWARD_ON = [
  { value: 'first_checkin', name: '好友首次签到' },
  { value: 'first_order', name: '好友首次下单' },
] as const;
const EXCLUSIVE_GUIDE = [
  { value: 'first', name: '首位导购' },
  { value: 'latest', name: '最近导购' },
  { value: 'off', name: '不绑定' },
] as const;
const GROUP_POINTS_ON = [
  { value: true, name: '开启' },
  { value: false, name: '关闭' },
] as const;
const FREE_SHIPPING = [
  { value: true, name: '包邮' },
  { value: false, name: '不包邮' },
] as const;

type Form = EditForm<BrandSettings>;

interface SectionDef {
  key: string;
  title: string;
  /** The field paths the section edits (their messages are counted on its heading). */
  paths: string[];
  summary(s: BrandSettings): string;
  body(form: Form, s: BrandSettings, pick: Pickers): ReactNode;
}

/** What the pickers offer: coupon templates and categories, as loaded for the screen. */
interface Pickers {
  templates: { options: SheetOption[]; loading: boolean; error: string | null };
  categories: { options: SheetOption[]; loading: boolean; error: string | null };
}

function TemplateField({ form, path, label, pick }: { form: Form; path: string; label: string; pick: Pickers }) {
  const t = pick.templates;
  return <PickField form={form} path={path} label={label} none='不送券' options={t.options} loading={t.loading} loadError={t.error} />;
}

/** A list of rows (milestones, titles) with 删除 per row and 添加 under them. */
function ListEditor<I>({ form, path, items, title, add, addText, max, row }: { form: Form; path: string; items: I[]; title(i: number): string; add(items: I[]): I; addText: string; max: number; row(i: number): ReactNode }) {
  return (
    <View className='admin-settings__list' data-path={path}>
      {items.map((_, i) => (
        <View key={i} className='admin-settings__item'>
          <View className='admin-settings__item-head'>
            <Text className='admin-settings__item-title'>{title(i)}</Text>
            <Text className='admin-settings__item-remove' onClick={() => form.setList(path, items.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
          {row(i)}
        </View>
      ))}
      {items.length < max && (
        <View className='admin-settings__item-add' onClick={() => form.setList(path, [...items, add(items)])}>
          + {addText}
        </View>
      )}
      {form.error(path) && <View className='admin-field__error'>{form.error(path)}</View>}
    </View>
  );
}

const tierPaths = (key: string) => TIER_INDEXES.map((i) => `tiers.${i}.benefits.${key}`);

export const SECTIONS: SectionDef[] = [
  {
    key: 'checkin',
    title: '签到',
    paths: ['checkin.basePoints', 'checkin.lotteryChancesPerCheckin', 'checkin.reminderTime', 'checkin.milestones', 'growth.perCheckin'],
    summary: (s) => `每次 ${s.checkin.basePoints} 积分 · 连签奖励 ${s.checkin.milestones.map((m) => m.days).join('/') || '无'} 天`,
    body: (form, s, pick) => (
      <>
        <NumberField form={form} path='checkin.basePoints' label='每次签到得' suffix='积分' />
        <NumberField form={form} path='checkin.lotteryChancesPerCheckin' label='每次签到送抽奖' suffix='次' />
        <NumberField form={form} path='growth.perCheckin' label='每次签到得成长值' suffix='点' />
        <TextField form={form} path='checkin.reminderTime' label='签到提醒时间' placeholder='20:00' maxlength={5} />
        <View className='admin-settings__subtitle'>连续签到奖励</View>
        <ListEditor
          form={form}
          path='checkin.milestones'
          items={s.checkin.milestones}
          title={(i) => `第 ${i + 1} 档`}
          addText='添加一档'
          max={20}
          add={(ms) => ({ days: (ms[ms.length - 1]?.days ?? 0) + 7, bonusPoints: 0, couponTemplateId: null })}
          row={(i) => (
            <>
              <NumberField form={form} path={`checkin.milestones.${i}.days`} label='连续签到' suffix='天' />
              <NumberField form={form} path={`checkin.milestones.${i}.bonusPoints`} label='奖励' suffix='积分' />
              <TemplateField form={form} path={`checkin.milestones.${i}.couponTemplateId`} label='同时送券' pick={pick} />
            </>
          )}
        />
      </>
    ),
  },
  {
    key: 'makeup',
    title: '补签',
    paths: ['checkin.makeupWindowDays', 'checkin.makeupPerMonth', 'checkin.makeupCostPoints'],
    summary: (s) => `漏签 ${s.checkin.makeupWindowDays} 天内可补 · 每月 ${s.checkin.makeupPerMonth} 次 · 每次 ${s.checkin.makeupCostPoints} 积分`,
    body: (form) => (
      <>
        <NumberField form={form} path='checkin.makeupWindowDays' label='可补签最近' suffix='天' hint='漏签的日子在这些天内可以补签（可跨月）' />
        <NumberField form={form} path='checkin.makeupPerMonth' label='每月可补签' suffix='次' />
        <NumberField form={form} path='checkin.makeupCostPoints' label='每次补签消耗' suffix='积分' />
      </>
    ),
  },
  {
    key: 'memberDay',
    title: '会员日',
    paths: ['memberDay', ...tierPaths('memberDayMultiplier')],
    summary: (s) =>
      s.memberDay.weekday === null
        ? '未设会员日'
        : `每${WEEKDAYS[s.memberDay.weekday - 1]} · ${s.memberDay.orderDiscountRate === null ? '无会员日价' : `会员日价 ${Math.round(s.memberDay.orderDiscountRate * 1000) / 10}%`}`,
    body: (form, s) => (
      <>
        <PickField form={form} path='memberDay.weekday' label='会员日' options={WEEKDAY_OPTIONS} none='不设会员日' numeric />
        <NumberField form={form} path='memberDay.orderDiscountRate' label='会员日价（原价的）' unit='percent' suffix='%' emptyMeans='不打折' />
        <View className='admin-settings__subtitle'>会员日签到积分倍数</View>
        {TIER_INDEXES.map((i) => (
          <NumberField key={i} form={form} path={`tiers.${i}.benefits.memberDayMultiplier`} label={s.tiers[i]!.name} unit='number' suffix='倍' />
        ))}
      </>
    ),
  },
  {
    key: 'nightMarket',
    title: '夜市',
    paths: ['nightMarket'],
    summary: (s) => `${s.nightMarket.opensAt}—次日 ${s.nightMarket.closesAt} · 每周 ${s.nightMarket.categoryByWeekday.filter((c) => c !== null).length} 晚开市`,
    body: (form, _s, pick) => (
      <>
        <TextField form={form} path='nightMarket.opensAt' label='开市时间' placeholder='22:00' maxlength={5} />
        <TextField form={form} path='nightMarket.closesAt' label='次日收市时间' placeholder='10:00' maxlength={5} />
        <View className='admin-settings__subtitle'>每晚的品类</View>
        {WEEKDAYS.map((day, i) => (
          <PickField
            key={day}
            form={form}
            path={`nightMarket.categoryByWeekday.${i}`}
            label={`${day}晚`}
            none='休市'
            options={pick.categories.options}
            loading={pick.categories.loading}
            loadError={pick.categories.error}
          />
        ))}
      </>
    ),
  },
  {
    key: 'tiers',
    title: '等级与权益',
    paths: ['growth.perYuan', 'growth.windowMonths', ...TIER_INDEXES.flatMap((i) => ['name', 'threshold', 'keep', 'key'].map((k) => `tiers.${i}.${k}`)), ...['pointsMultiplier', 'birthdayPoints', 'birthdayCouponTemplateId', 'memberPriceRate', 'freeShipping'].flatMap(tierPaths)],
    summary: (s) => s.tiers.map((t) => `${t.name} ${t.threshold}`).join(' · '),
    body: (form, s, pick) => (
      <>
        <NumberField form={form} path='growth.perYuan' label='每消费 1 元得成长值' suffix='点' />
        <NumberField form={form} path='growth.windowMonths' label='成长值统计最近' suffix='个月' />
        {TIER_INDEXES.map((i) => (
          <View key={i} className={`admin-settings__item admin-settings__tier--${s.tiers[i]!.key}`}>
            <View className='admin-settings__item-head'>
              <Text className='admin-settings__item-title'>{s.tiers[i]!.name}</Text>
            </View>
            <TextField form={form} path={`tiers.${i}.name`} label='名称' maxlength={10} />
            <NumberField form={form} path={`tiers.${i}.threshold`} label='升级成长值' suffix='点' />
            <NumberField form={form} path={`tiers.${i}.keep`} label='保级成长值' suffix='点' />
            <NumberField form={form} path={`tiers.${i}.benefits.pointsMultiplier`} label='积分倍数' unit='number' suffix='倍' />
            <NumberField form={form} path={`tiers.${i}.benefits.memberPriceRate`} label='会员价（原价的）' unit='percent' suffix='%' />
            <NumberField form={form} path={`tiers.${i}.benefits.birthdayPoints`} label='生日积分' suffix='积分' />
            <TemplateField form={form} path={`tiers.${i}.benefits.birthdayCouponTemplateId`} label='生日券' pick={pick} />
            <ChoiceField form={form} path={`tiers.${i}.benefits.freeShipping`} label='运费' choices={FREE_SHIPPING} />
          </View>
        ))}
      </>
    ),
  },
  {
    key: 'points',
    title: '积分',
    paths: ['points', 'orders'],
    summary: (s) => `${s.points.expiryMonths === null ? '永不过期' : `${s.points.expiryMonths} 个月后月底过期`} · 每消费 1 元 ${s.orders.pointsPerYuan} 积分`,
    body: (form) => (
      <>
        <NumberField form={form} path='points.expiryMonths' label='积分有效期' suffix='个月' emptyMeans='永不过期' hint='获得积分的月份之后第 N 个月月底过期' />
        <NumberField form={form} path='orders.pointsPerYuan' label='每消费 1 元得' unit='number' suffix='积分' />
        <NumberField form={form} path='points.fenPerPoint' label='每 100 积分价值' unit='number' suffix='元' hint='用于数据页的积分负债折算' />
        <NumberField form={form} path='orders.unpaidMinutes' label='未支付订单自动取消' suffix='分钟' />
      </>
    ),
  },
  {
    key: 'groupPoints',
    title: '社群积分',
    paths: ['groupPoints'],
    summary: (s) =>
      s.groupPoints.enabled ? `每天在群里 ${s.groupPoints.presencePoints} · 群里签到再得 ${s.groupPoints.checkinBonus}` : '已关闭',
    body: (form) => (
      <>
        <ChoiceField form={form} path='groupPoints.enabled' label='社群积分' choices={GROUP_POINTS_ON} />
        <NumberField form={form} path='groupPoints.presencePoints' label='每天从群里进入得' suffix='社群积分' hint='每人每天一次，不论从几个群进入；分享者不因分享得分' />
        <NumberField form={form} path='groupPoints.checkinBonus' label='从群里签到再得' suffix='社群积分' hint='每人每天一次' />
      </>
    ),
  },
  {
    key: 'referral',
    title: '推荐有礼',
    paths: ['referral'],
    summary: (s) => `邀请人得 ${s.referral.inviterPoints} 积分 · ${REWARD_ON.find((r) => r.value === s.referral.rewardOn)?.name}后发放`,
    body: (form, s, pick) => (
      <>
        <ChoiceField form={form} path='referral.rewardOn' label='奖励时机' choices={REWARD_ON} />
        <NumberField form={form} path='referral.inviterPoints' label='邀请人得' suffix='积分' />
        <TemplateField form={form} path='referral.inviterCouponTemplateId' label='邀请人得券' pick={pick} />
        <TemplateField form={form} path='referral.welcomeCouponTemplateId' label='新会员得券' pick={pick} />
        <NumberField form={form} path='referral.newMemberHours' label='入会多久内算新会员' suffix='小时' />
        <View className='admin-settings__subtitle'>推荐称号</View>
        <ListEditor
          form={form}
          path='referral.titles'
          items={s.referral.titles}
          title={(i) => `第 ${i + 1} 级`}
          addText='添加称号'
          max={5}
          add={(ts) => ({ name: '', count: (ts[ts.length - 1]?.count ?? 0) + 5 })}
          row={(i) => (
            <>
              <TextField form={form} path={`referral.titles.${i}.name`} label='称号' maxlength={10} />
              <NumberField form={form} path={`referral.titles.${i}.count`} label='成功邀请' suffix='人' />
            </>
          )}
        />
      </>
    ),
  },
  {
    key: 'sharing',
    title: '分享归因',
    paths: ['sharing'],
    summary: (s) => `点击分享后 ${s.sharing.attributionDays} 天内下单归因 · ${EXCLUSIVE_GUIDE.find((g) => g.value === s.sharing.exclusiveGuide)?.name}`,
    body: (form) => (
      <>
        <NumberField form={form} path='sharing.attributionDays' label='归因天数' suffix='天' hint='订单算给会员最后点击的分享，在这些天内' />
        <ChoiceField form={form} path='sharing.exclusiveGuide' label='专属导购' choices={EXCLUSIVE_GUIDE} />
      </>
    ),
  },
  {
    key: 'shipping',
    title: '运费与售后',
    paths: ['shipping'],
    summary: (s) => `运费 ${formatYuan(s.shipping.feeFen)} · ${s.shipping.freeFromFen === null ? '不按金额包邮' : `满 ${formatYuan(s.shipping.freeFromFen)} 包邮`}`,
    body: (form) => (
      <>
        <NumberField form={form} path='shipping.feeFen' label='运费' unit='yuan' suffix='元' />
        <NumberField form={form} path='shipping.freeFromFen' label='满额包邮' unit='yuan' suffix='元' emptyMeans='不按金额包邮' />
        <NumberField form={form} path='shipping.autoCompleteDays' label='发货后自动确认收货' suffix='天' />
        <NumberField form={form} path='shipping.returnDays' label='确认收货后可退货' suffix='天' />
      </>
    ),
  },
  {
    key: 'segmentation',
    title: '分层与流失预警',
    paths: ['segmentation'],
    summary: (s) => `新客 ${s.segmentation.newDays} 天 · 沉睡 ${s.segmentation.dormantDays} 天 · 流失预警 ${s.segmentation.churn.k} 倍间隔`,
    body: (form) => (
      <>
        <NumberField form={form} path='segmentation.newDays' label='新客：首单或入会后' suffix='天内' />
        <NumberField form={form} path='segmentation.dormantDays' label='沉睡：超过' suffix='天未活跃' />
        {(['highValue', 'potential'] as const).map((layer) => (
          <View key={layer} className='admin-settings__item'>
            <View className='admin-settings__item-head'>
              <Text className='admin-settings__item-title'>{layer === 'highValue' ? '高价值' : '潜力'}：RFM 最低分（1–5）</Text>
            </View>
            <NumberField form={form} path={`segmentation.${layer}.r`} label='R 最近消费' suffix='分' />
            <NumberField form={form} path={`segmentation.${layer}.f`} label='F 消费频次' suffix='分' />
            <NumberField form={form} path={`segmentation.${layer}.m`} label='M 消费金额' suffix='分' />
          </View>
        ))}
        <View className='admin-settings__subtitle'>流失预警</View>
        <NumberField form={form} path='segmentation.churn.k' label='沉默超过平时间隔的' unit='number' suffix='倍' />
        <NumberField form={form} path='segmentation.churn.minSilenceDays' label='至少沉默' suffix='天' />
        <NumberField form={form} path='segmentation.churn.minActiveDays' label='近 90 天至少活跃' suffix='天' />
      </>
    ),
  },
];

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2000 });
const within = (path: string, prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}.`));

/**
 * 配置: every brand rule in sections (签到, 补签, 会员日, 夜市, 等级, 积分, 社群积分, 推荐, 归因, 运费,
 * 分层), in yuan, days and percentages; an edit is kept across sections until 保存 sends the
 * whole settings object; a refusal shows the server's message at each field it names.
 */
export function AdminSettingsScreen() {
  const settings = useCall(() => call('admin', 'configGet', {}), []);
  const templates = useCall(() => call('admin', 'couponTemplates', {}), []);
  const categories = useCall(() => call('admin', 'categories', {}), []);
  const form = useEditForm(settings.data);
  const [open, setOpen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const s = form.value;
  if (!s) {
    return (
      <View className='app-page admin-editor admin-settings'>
        {settings.error ? (
          <View className='admin-list admin-list__msg' onClick={() => void settings.reload()}>
            {settings.error}，点击重试
          </View>
        ) : (
          <ListSkeleton rows={6} />
        )}
      </View>
    );
  }

  const pick: Pickers = {
    templates: { options: templateOptions(templates.data ?? []), loading: templates.loading, error: templates.error },
    categories: {
      options: (categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, name: c.name })),
      loading: categories.loading,
      error: categories.error,
    },
  };
  const toggle = (key: string) => setOpen((o) => (o.includes(key) ? o.filter((k) => k !== key) : [...o, key]));

  const save = async () => {
    if (busy || !form.dirty) return;
    setBusy(true);
    setSaveError(null);
    try {
      const saved = await call('admin', 'configSet', { settings: s as unknown as Record<string, unknown> });
      settings.setData(saved);
      form.reset();
      toast('已保存');
    } catch (err) {
      if (form.refused(err, 'settings')) {
        const wrong = Object.keys(fieldMessages(err)).map((p) => p.slice('settings.'.length));
        // Every section with a wrong field opens, so each message is in sight.
        setOpen((o) => [...new Set([...o, ...SECTIONS.filter((sec) => wrong.some((p) => within(p, sec.paths))).map((sec) => sec.key)])]);
        setSaveError(`有 ${wrong.length} 处设置需要修改，见标红的项`);
      } else {
        setSaveError(messageOf(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='app-page admin-editor admin-settings'>
      {LINKS.map((l) => (
        <View key={l.key} className={`admin-settings__link admin-settings__${l.key}`} onClick={() => void Taro.navigateTo({ url: l.url })}>
          <Text className='admin-settings__link-title'>{l.title}</Text>
          <Text className='admin-settings__link-sub'>{l.sub} ›</Text>
        </View>
      ))}
      {SECTIONS.map((sec) => {
        const isOpen = open.includes(sec.key);
        const wrong = sec.paths.reduce((n, p) => n + form.errorsUnder(p), 0);
        return (
          <View key={sec.key} className={`admin-settings__section admin-settings__section--${sec.key}`}>
            <View className='admin-settings__head' role='button' aria-expanded={isOpen} onClick={() => toggle(sec.key)}>
              <View className='admin-settings__head-texts'>
                <Text className='admin-settings__title'>{sec.title}</Text>
                <Text className='admin-settings__summary'>{sec.summary(s)}</Text>
              </View>
              {wrong > 0 && <Text className='admin-settings__wrong'>{wrong} 处需修改</Text>}
              <Text className='admin-settings__toggle'>{isOpen ? '收起' : '编辑'}</Text>
            </View>
            {isOpen && <View className='admin-settings__body'>{sec.body(form, s, pick)}</View>}
          </View>
        );
      })}
      <View className='admin-editor__bar'>
        <View className='admin-editor__bar-texts'>
          {saveError ? (
            <Text className='admin-editor__refusal admin-settings__save-error'>{saveError}</Text>
          ) : (
            <Text className='admin-settings__state'>{form.dirty ? '有未保存的修改' : '所有设置已保存'}</Text>
          )}
        </View>
        {form.dirty && (
          <Button className='admin-settings__discard' size='mini' disabled={flag(busy)} onClick={() => {
              form.reset();
              setSaveError(null);
            }}>
            放弃修改
          </Button>
        )}
        <Button className='admin-editor__save admin-settings__save' size='mini' loading={flag(busy)} disabled={flag(busy || !form.dirty)} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </View>
  );
}

export default function AdminSettingsPage() {
  return (
    <SessionGate>
      <AdminGate>
        <AdminSettingsScreen />
      </AdminGate>
    </SessionGate>
  );
}
