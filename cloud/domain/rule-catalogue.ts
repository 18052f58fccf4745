/**
 * What a person building a segment rule may pick, as data with no dependencies: the read
 * model's fields with their labels, types, units and fixed options, the operators each type
 * takes, the value layers. The app's rule editor (src/packages/admin) imports it — it must never
 * import the server's modules (member-facts.ts carries SQL, segment-rule.ts zod), so this file
 * imports nothing. It repeats what FACT_FIELDS, the rule schema's operators and LAYER_NAMES say;
 * test/unit/rule-catalogue.test.ts holds the two to the same words.
 */

export type RuleFieldType = 'number' | 'text' | 'list' | 'boolean';

export interface RuleOption {
  value: string;
  name: string;
}

export interface RuleField {
  key: string;
  label: string;
  type: RuleFieldType;
  /** The unit shown after a value (天, 次, 元 …). */
  unit?: string;
  /** A text field's fixed values, with how they read to people. */
  options?: readonly RuleOption[];
  /** A share between 0 and 1, typed and shown as a percentage. */
  percent?: boolean;
  /** A list of category names (the editor offers the catalogue's categories). */
  categories?: boolean;
}

export interface RuleFieldGroup {
  name: string;
  fields: readonly RuleField[];
}

const n = (key: string, label: string, unit?: string): RuleField => ({ key, label, type: 'number', ...(unit ? { unit } : {}) });
const share = (key: string, label: string): RuleField => ({ key, label, type: 'number', percent: true });
const flag = (key: string, label: string): RuleField => ({ key, label, type: 'boolean' });

/** The fields by theme, in the order the editor lists them. */
export const RULE_FIELD_GROUPS: readonly RuleFieldGroup[] = [
  {
    name: '基础',
    fields: [
      n('daysSinceJoined', '入会天数', '天'),
      {
        key: 'source',
        label: '来源',
        type: 'text',
        options: [
          { value: 'share', name: '会员分享' },
          { value: 'guide', name: '导购' },
          { value: 'group', name: '社群' },
          { value: 'poster', name: '海报' },
          { value: 'direct', name: '直接进入' },
        ],
      },
      {
        key: 'tier',
        label: '会员等级',
        type: 'text',
        options: [
          { value: 'normal', name: '普通' },
          { value: 'silver', name: '银卡' },
          { value: 'gold', name: '金卡' },
          { value: 'diamond', name: '钻石' },
        ],
      },
      flag('birthdayThisMonth', '本月生日'),
      flag('hasGuide', '有专属导购'),
    ],
  },
  {
    name: '活跃',
    fields: [
      n('daysSinceVisit', '距上次访问', '天'),
      n('visitDays7', '近7天访问天数', '天'),
      n('visitDays30', '近30天访问天数', '天'),
      n('checkins30', '近30天签到', '次'),
      n('checkins90', '近90天签到', '次'),
      n('currentStreak', '当前连签', '天'),
      n('longestStreak', '最长连签', '天'),
      n('daysSinceActive', '距上次活跃', '天'),
      n('activeDays90', '近90天活跃天数', '天'),
      n('medianIntervalDays', '平时几天来一次', '天'),
      flag('churnRisk', '流失预警'),
    ],
  },
  {
    name: '消费',
    fields: [
      n('orders90', '近90天订单', '单'),
      n('orders365', '近一年订单', '单'),
      n('gmv90', '近90天消费', '元'),
      n('gmv365', '近一年消费', '元'),
      n('daysSinceFirstOrder', '距首单', '天'),
      n('daysSinceOrder', '距上次下单', '天'),
      n('avgItemPrice', '件均价', '元'),
      {
        key: 'priceBand',
        label: '价格带',
        type: 'text',
        options: [
          { value: '0-100', name: '¥100 以下' },
          { value: '100-200', name: '¥100–200' },
          { value: '200-400', name: '¥200–400' },
          { value: '400+', name: '¥400 以上' },
        ],
      },
      share('couponShare', '用券订单占比'),
      share('memberDayShare', '会员日订单占比'),
      share('flashShare', '秒杀订单占比'),
      share('nightShare', '夜市订单占比'),
    ],
  },
  {
    name: '偏好',
    fields: [
      { key: 'categoriesBought', label: '近一年买过的品类', type: 'list', categories: true },
      { key: 'categoriesViewed', label: '近30天看过的品类', type: 'list', categories: true },
      n('newLaunchViews30', '近30天看新款', '次'),
      { key: 'topSize', label: '常买尺码', type: 'text' },
      { key: 'topColor', label: '常买颜色', type: 'text' },
    ],
  },
  {
    name: '积分与互动',
    fields: [
      n('pointsBalance', '积分余额', '分'),
      n('pointsExpiring30', '30天内到期积分', '分'),
      n('lotteryDraws30', '近30天抽奖', '次'),
      n('redemptions365', '近一年积分兑换', '次'),
      n('shares30', '近30天分享', '次'),
      n('shareClicks30', '近30天分享带来点击', '次'),
      n('invitesRewarded', '成功邀请', '人'),
      n('groupsSeen90', '近90天出现的群', '个'),
    ],
  },
  {
    name: 'RFM',
    fields: [n('rScore', 'R 分'), n('fScore', 'F 分'), n('mScore', 'M 分')],
  },
];

export const RULE_FIELDS: readonly RuleField[] = RULE_FIELD_GROUPS.flatMap((g) => g.fields);

export function ruleField(key: string): RuleField | undefined {
  return RULE_FIELDS.find((f) => f.key === key);
}

export type RuleOp = 'gte' | 'lte' | 'gt' | 'lt' | 'eq' | 'between' | 'ne' | 'in' | 'has' | 'hasAny' | 'is';

/** The operators a field of each type takes (the rule schema refuses any other), as people read them. */
export const RULE_OPS: Readonly<Record<RuleFieldType, readonly { op: RuleOp; name: string }[]>> = {
  number: [
    { op: 'gte', name: '≥' },
    { op: 'lte', name: '≤' },
    { op: 'gt', name: '>' },
    { op: 'lt', name: '<' },
    { op: 'eq', name: '=' },
    { op: 'between', name: '介于' },
  ],
  text: [
    { op: 'eq', name: '是' },
    { op: 'ne', name: '不是' },
    { op: 'in', name: '是其中之一' },
  ],
  list: [
    { op: 'has', name: '包含' },
    { op: 'hasAny', name: '包含任一' },
  ],
  boolean: [{ op: 'is', name: '是 / 否' }],
};

/** The value layers, in the order the server defines them (LAYER_KEYS). */
export const RULE_LAYERS: readonly RuleOption[] = [
  { value: 'new', name: '新客' },
  { value: 'high', name: '高价值' },
  { value: 'potential', name: '潜力' },
  { value: 'dormant', name: '沉睡' },
  { value: 'at_risk', name: '流失预警' },
  { value: 'regular', name: '一般' },
];

export const ruleLayerName = (key: string): string => RULE_LAYERS.find((l) => l.value === key)?.name ?? key;
