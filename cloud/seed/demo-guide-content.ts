/**
 * The guides' playbook for a first local start: a 话术库 in the four categories of members'
 * questions (about as many as the seeds' shares: mostly 产品), the brand's default weekly group
 * plan, and a week of 朋友圈 posts around today — saved through the admin use cases. A few
 * copies of the scripts guides reach for most, through the guide's own use case, so the library
 * opens in a realistic order.
 */
import type { ScriptCategory } from '../domain/guide-content';
import { addDays, businessDay } from '../domain/business-day';
import type { UseCaseContext } from '../services/context';
import { savePlanPost } from '../services/guide-content/group-plan';
import { saveMomentsPost } from '../services/guide-content/moments';
import { copyScript, saveScript } from '../services/guide-content/scripts';
import { saved } from './demo-catalog';

/** [category, the member's question, the guide's answer, copies so far]. */
const SCRIPTS: Array<[ScriptCategory, string, string, number]> = [
  ['product', '切尔西短靴偏码吗？平时穿 37', '亲，这款是标准码，平时穿 37 就拿 37 哦～脚背高的宝子可以拿大半码，粗跟 3.5 厘米，走一天也不累脚。', 14],
  ['product', '羊绒大衣能机洗吗？怎么保养', '双面羊绒建议专业干洗，平时挂在通风处、用软毛刷顺着毛向轻刷就好；起球可以用剪球器轻轻修一下，千万别机洗甩干哦。', 9],
  ['product', '短款羽绒服会钻绒吗？', '这款是 90% 白鸭绒，面料做了防钻绒处理，正常穿着不会钻绒～万一有个别绒毛冒出来，别往外拔，从里面轻轻拉回去就好。', 11],
  ['product', '碎花茶歇裙透不透？', '双层雪纺，内衬不透的哦～浅色建议搭肤色内衣，V 领加泡泡袖很修饰肩颈，约会通勤都合适。', 6],
  ['product', '高腰阔腿裤 160 cm 穿什么码？', '160 cm、110 斤左右拿 M 正好，裤长到脚面，配 3 厘米左右的鞋最显高；偏瘦的宝子拿 S 也可以，腰头有隐形松紧。', 8],
  ['product', '儿童 T 恤会不会缩水、掉色？', '这款符合 A 类婴幼儿标准，纯棉预缩处理，按洗标冷水洗基本不缩水；印花是环保水性的，建议反面洗，不掉色。', 4],
  ['product', '真皮腋下包能放下手机吗？', '可以的，Pro Max 也放得下，里面还有拉链隔层放钥匙和卡；肩带可调节，单肩、腋下两种背法～', 5],
  ['product', '开衫扎不扎人？敏感肌能穿吗', '30% 羊毛混纺，手感软糯不扎，很多敏感肌宝子反馈直接贴身穿也没问题；特别敏感的话里面搭件打底更放心。', 7],
  ['product', '这件有现货吗？什么时候发货', '页面能选的尺码颜色都是现货，下午 4 点前付款当天发，其余第二天发，江浙沪一般隔天到～', 12],
  ['product', '大衣和羽绒服哪个更保暖？', '上海、杭州这边的冬天两件都够；零下或者风大选短款羽绒服，通勤坐地铁多选羊绒大衣更体面也不闷。可以来店里都试试～', 3],
  ['activity', '会员日是哪天？有什么优惠', '每周三是会员日：会员价再打折，签到和下单积分按等级翻倍；金卡和钻石会员还有专属价，记得周三来逛哦～', 10],
  ['activity', '晚上的夜市是什么？', '每晚 10 点到第二天早上 10 点是夜市，每晚一个品类（比如周一鞋履、周三配饰），群里 10 点会发开场卡片，点进去就能抢～', 6],
  ['activity', '签到有什么用？', '每天签到领积分，连续 7 天、30 天还有额外奖励；每次签到还送 1 次抽奖机会，积分可以在积分商城换券和礼品。', 4],
  ['after_sales', '怎么申请退换货？', '在「我的-我的订单」里找到这笔订单，点「申请售后」写明原因就可以，签收 7 天内支持无理由退换（吊牌完好、不影响二次销售）。', 8],
  ['after_sales', '退款多久到账？', '售后审核通过后原路退回：微信零钱一般当天到，银行卡 1–3 个工作日；用了优惠券的，券会退回到账户里～', 3],
  ['store', '附近有门店吗？可以去试穿吗', '有的～告诉我您在哪个区，我帮您查最近的门店和营业时间；到店报手机号，线上领的券在门店也能用。', 5],
  ['store', '线上买的可以去门店退换吗？', '可以的，带上商品和订单页面到任意门店，店员帮您办理退换；尺码不合适也可以直接在店里换。', 2],
];

/** The brand's default weekly plan. */
const PLAN = [
  { repeat: 'daily', atTime: '10:00', title: '日签提醒', body: '早安！{日期}的日签来啦，点卡片签到领积分，每次签到还送 1 次抽奖机会，连续签到有惊喜～', card: 'checkin' },
  { repeat: 'member_day', atTime: '12:00', title: '会员日开场', body: '今天是{会员日}会员日！会员价再享{会员日折扣}，签到和下单积分按等级翻倍，午休时间来逛逛吧～', card: 'none' },
  { repeat: 'daily', atTime: '20:00', title: '签到提醒', body: '还没签到的宝子们抓紧啦，今天签到还能抽一次奖，别让连续签到断掉哦～', card: 'checkin' },
  { repeat: 'daily', atTime: '22:00', title: '夜市开场', body: '晚 10 点夜市开场！今晚是【{今晚品类}】专场，明早 10 点结束，喜欢的抓紧下手～', card: 'night_market' },
] as const;

export async function seedDemoGuideContent(ctx: UseCaseContext): Promise<void> {
  const today = businessDay(ctx.now, ctx.brand.timeZone);
  for (const [i, [category, question, answer, copies]] of SCRIPTS.entries()) {
    const script = saved(await saveScript(ctx, null, { script: { category, question, answer, position: i, active: true } }));
    for (let n = 0; n < copies; n += 1) saved(await copyScript(ctx, { scriptId: script.id }));
  }
  for (const post of PLAN) saved(await savePlanPost(ctx, null, { post: { ...post, cardRefId: null, active: true } }));

  const { rows } = await ctx.db.query<{ id: string; name: string; image: string | null }>(
    `select id, name, images[1] as image from products where name = any($1::text[])`,
    [['切尔西短靴', '羊毛混纺开衫', '短款羽绒服', '真皮腋下包', '女童公主纱裙']],
  );
  const product = new Map(rows.map((r) => [r.name, r]));
  const withProduct = (name: string) => {
    const p = product.get(name);
    return p ? { productId: p.id, images: p.image ? [p.image] : [] } : { productId: null, images: [] };
  };
  const moments: Array<[number, 'persona' | 'seeding' | 'brand' | 'welfare', string, ReturnType<typeof withProduct> | null]> = [
    [-3, 'persona', '早上 8 点到店，先把新到的针织衫一件件挂好。做导购第 6 年，最开心的还是看到老顾客穿着我们家的衣服来复购～', null],
    [-3, 'seeding', '换季必备的羊毛混纺开衫，软糯不扎，珍珠扣很温柔。早晚温差大的时候披一件刚刚好，燕麦色最百搭！', withProduct('羊毛混纺开衫')],
    [-2, 'brand', '每一件大衣都要经过 32 道工序。双面呢手工缝制、无里衬，所以才能又轻又暖。这是我们坚持做的“慢衣服”。', null],
    [-1, 'seeding', '切尔西短靴到货！两侧弹力松紧，一脚蹬；3.5 厘米粗跟，通勤走一天也不累。黑色和棕色都有现货～', withProduct('切尔西短靴')],
    [-1, 'welfare', '本周三会员日：会员价再享折扣，签到积分翻倍。还没入会的朋友私信我，拉你进群领新人券～', null],
    [0, 'persona', '今天帮一位宝妈搭了一身亲子装，小朋友穿上公主纱裙转了好几个圈，这就是做这行最有成就感的时刻。', withProduct('女童公主纱裙')],
    [0, 'seeding', '短款羽绒服真的太显腿长了！90% 白鸭绒，轻到可以塞进通勤包，面料还防泼水，雨夹雪也不怕。', withProduct('短款羽绒服')],
    [0, 'welfare', '今晚 10 点夜市开场，群里发开场卡片，喜欢的款记得提前加购～', null],
    [1, 'brand', '我们的包都选头层牛皮，边油要手工刷三遍才平整。这只腋下包，会陪你很多年。', withProduct('真皮腋下包')],
    [1, 'persona', '下班路上顺手拍的橱窗，新一季的陈列是同事们熬了两个晚上做出来的，来店里的朋友一定要看看～', null],
    [2, 'seeding', '一周通勤穿搭来啦：开衫 + 阔腿裤 + 乐福鞋，温柔又干练。需要搭配建议的随时找我～', withProduct('羊毛混纺开衫')],
    [3, 'welfare', '周末到店试穿送护理小样，带上会员码还能领门店专属券，先到先得！', null],
  ];
  for (const [i, [offset, kind, body, extra]] of moments.entries()) {
    saved(await saveMomentsPost(ctx, null, { post: { day: addDays(today, offset), kind, body, images: [], productId: null, position: i, active: true, ...extra } }));
  }
}
