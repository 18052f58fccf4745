/**
 * The SOP plans a brand starts with (migration 0023 writes them into a fresh database; the demo
 * seed writes them again after its own coupon templates are attached). Plain data: the brand edits
 * them in the 运营 tab, which makes new versions; nothing reads this file after the first day.
 */
import type { SopStep } from './sop-plan';

export interface DefaultSopPlan {
  name: string;
  steps: SopStep[];
}

const step = (s: Omit<SopStep, 'couponTemplateId' | 'product'> & Partial<Pick<SopStep, 'couponTemplateId' | 'product'>>): SopStep => ({
  couponTemplateId: null,
  product: null,
  ...s,
});

export const DEFAULT_SOP_PLANS: DefaultSopPlan[] = [
  {
    name: '新客 1v1',
    steps: [
      step({
        key: 'welcome',
        name: '欢迎 + 新人礼',
        trigger: { kind: 'bound', days: 0 },
        dueTime: '21:00',
        expiresAfterDays: 1,
        script: '{昵称}您好，我是您的专属导购{导购}～欢迎加入我们的会员！送您一张{券}，下单直接抵扣。穿搭、尺码有任何问题随时找我哦。',
      }),
      step({
        key: 'invite-group',
        name: '邀请进群',
        trigger: { kind: 'bound', days: 1 },
        dueTime: '11:00',
        expiresAfterDays: 2,
        script: '{昵称}，我们有个会员福利群，每周三会员日、新品上架都会第一时间在群里通知，还有群内专享秒杀～我拉您进群好吗？',
      }),
      step({
        key: 'revisit-3',
        name: '第 3 天回访',
        trigger: { kind: 'bound', days: 3 },
        dueTime: '15:00',
        expiresAfterDays: 2,
        script: '{昵称}，这几天有看中的款式吗？给您准备了一张{券}，需要帮您搭配或者确认尺码，随时问我～',
      }),
      step({
        key: 'revisit-7',
        name: '第 7 天回访',
        trigger: { kind: 'bound', days: 7 },
        dueTime: '15:00',
        expiresAfterDays: 3,
        script: '{昵称}，入会一周啦～再送您一张{券}，叠加会员价更划算。最近到了几款新品，想看的话我发给您。',
      }),
      step({
        key: 'interest-30',
        name: '兴趣推荐',
        trigger: { kind: 'bound', days: 30 },
        dueTime: '19:30',
        expiresAfterDays: 3,
        script: '{昵称}，根据您平时喜欢的款式，给您挑了这件{商品}，面料和版型都很不错，点开卡片就能看详情～',
        product: 'interest',
      }),
    ],
  },
  {
    name: '节日与生日',
    steps: [
      step({
        key: 'spring-festival',
        name: '春节祝福',
        // Lunar: the dates year by year (正月初一).
        trigger: { kind: 'holiday', name: '春节', dates: ['2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03'] },
        dueTime: '10:00',
        expiresAfterDays: 2,
        script: '{昵称}，{导购}给您拜年啦！{节日}快乐，万事如意～新春会员福利已经上线，祝您新的一年越来越美！',
      }),
      step({
        key: 'womens-day',
        name: '妇女节祝福',
        trigger: { kind: 'holiday', name: '妇女节', monthDay: '03-08' },
        dueTime: '10:00',
        expiresAfterDays: 0,
        script: '{昵称}，{节日}快乐！愿您永远自信闪耀～今天会员购物有专属礼遇，喜欢的款式别错过哦。',
      }),
      step({
        key: '618',
        name: '618 大促',
        trigger: { kind: 'holiday', name: '618', monthDay: '06-18' },
        dueTime: '10:00',
        expiresAfterDays: 0,
        script: '{昵称}，{节日}年中大促开始啦！会员价叠加活动优惠，是上半年最划算的时候，需要我帮您挑几件吗？',
      }),
      step({
        key: 'qixi',
        name: '七夕祝福',
        // Lunar: 七月初七, year by year.
        trigger: { kind: 'holiday', name: '七夕', dates: ['2026-08-19', '2027-08-08', '2028-08-26', '2029-08-16', '2030-08-05'] },
        dueTime: '10:00',
        expiresAfterDays: 0,
        script: '{昵称}，{节日}快乐～给自己或 TA 挑一份心意吧，今天下单可以帮您备注礼物包装哦。',
      }),
      step({
        key: 'double-11',
        name: '双11 大促',
        trigger: { kind: 'holiday', name: '双11', monthDay: '11-11' },
        dueTime: '10:00',
        expiresAfterDays: 0,
        script: '{昵称}，{节日}来啦！会员专享价还能叠加优惠券，囤货正当时。有想要的款式告诉我，我帮您盯库存～',
      }),
      step({
        key: 'double-12',
        name: '双12 好价',
        trigger: { kind: 'holiday', name: '双12', monthDay: '12-12' },
        dueTime: '10:00',
        expiresAfterDays: 0,
        script: '{昵称}，{节日}年终好价，今年最后一波优惠啦，需要我帮您看看尺码吗？',
      }),
      step({
        key: 'birthday',
        name: '生日祝福',
        trigger: { kind: 'birthday' },
        dueTime: '09:30',
        expiresAfterDays: 3,
        script: '{昵称}，生日快乐！{导购}代表品牌送上祝福，还为您准备了一张{券}，愿您这一岁更加美丽自在～',
      }),
      step({
        key: 'tier-up',
        name: '升级祝贺',
        trigger: { kind: 'tierUp' },
        dueTime: '10:00',
        expiresAfterDays: 3,
        script: '恭喜{昵称}升级啦！新等级的会员折扣和专属权益已经生效，下次购物自动享受，有不清楚的随时问我哦。',
      }),
    ],
  },
  {
    name: '分层运营',
    steps: [
      step({
        key: 'churn-winback',
        name: '流失预警挽回',
        trigger: { kind: 'segment', segment: 'churnRisk' },
        dueTime: '14:00',
        expiresAfterDays: 3,
        script: '{昵称}，好久没见到您啦（{原因}），特别想念～给您留了一张{券}，这周上了不少新款，有空回来逛逛吧！',
      }),
      step({
        key: 'high-value',
        name: '高价值专属服务',
        trigger: { kind: 'segment', segment: 'highValue' },
        dueTime: '11:00',
        expiresAfterDays: 3,
        script: '{昵称}，感谢您一直以来的支持！{导购}会作为您的专属顾问：新品优先试穿、尺码预留、售后优先处理，有需要随时找我。',
      }),
      step({
        key: 'delivered-7',
        name: '收货 7 天回访',
        trigger: { kind: 'delivered', days: 7 },
        dueTime: '16:00',
        expiresAfterDays: 2,
        script: '{昵称}，宝贝收到一周啦，尺码和面料还满意吗？有任何问题我来帮您处理；喜欢的话也欢迎晒图给我哦～',
      }),
    ],
  },
];
