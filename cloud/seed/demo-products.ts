/**
 * The demo clothing brand 「森屿」: categories, products with their SKUs, 新款首发 windows, two
 * flash sales, banners, the night market's category for each weekday and a welcome coupon,
 * saved through the admin use cases. Images are SVG files in ./catalog-images, drawn from the
 * same data by config/scripts/catalog-images.ts.
 */
import { saveBanner } from '../services/admin/banners';
import { saveCategory } from '../services/admin/categories';
import { saveCouponTemplate } from '../services/admin/coupon-templates';
import { saveFlashSale } from '../services/admin/flash-sales';
import { saveProduct } from '../services/admin/products';
import { updateBrandSettings } from '../services/admin/settings';
import type { Actor, UseCaseContext } from '../services/context';
import { catalogImageUrl, saved } from './demo-catalog';

export const BRAND_NAME = '森屿';

/** What an image draws: a garment, shoe or accessory outline. */
export type Silhouette =
  | 'dress'
  | 'slipdress'
  | 'tee'
  | 'shirt'
  | 'knit'
  | 'pants'
  | 'shorts'
  | 'coat'
  | 'jacket'
  | 'shoe'
  | 'sneaker'
  | 'boot'
  | 'bag'
  | 'scarf'
  | 'hat'
  | 'pearls'
  | 'belt'
  | 'cup'
  | 'socks';

export const PALETTE = {
  黑色: '#2b2b2b',
  白色: '#f4f3ee',
  灰色: '#9b9b98',
  米白: '#e9e1cf',
  奶白: '#f1ece0',
  燕麦色: '#c8b79a',
  卡其: '#b39b72',
  驼色: '#b98b5e',
  焦糖色: '#a8662f',
  棕色: '#6b4a2f',
  酒红: '#7a2838',
  樱花粉: '#e8a7b5',
  雾粉: '#d9a9a6',
  雾霾蓝: '#7d93b2',
  浅蓝: '#8fb0cf',
  深蓝: '#3b5878',
  藏青: '#27375a',
  天蓝: '#9cc6e6',
  鹅黄: '#f2d16b',
  橄榄绿: '#7b8455',
  墨绿: '#2f5245',
  香槟色: '#d8c08f',
  珍珠白: '#f3eee4',
} as const;

export type ColorName = keyof typeof PALETTE;

export type CategoryKey = 'dress' | 'top' | 'pants' | 'coat' | 'shoes' | 'kids' | 'accessories';

export interface DemoCategory {
  key: CategoryKey;
  name: string;
  silhouette: Silhouette;
  color: ColorName;
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { key: 'dress', name: '连衣裙', silhouette: 'dress', color: '樱花粉' },
  { key: 'top', name: '上衣', silhouette: 'shirt', color: '雾霾蓝' },
  { key: 'pants', name: '裤装', silhouette: 'pants', color: '卡其' },
  { key: 'coat', name: '外套', silhouette: 'coat', color: '驼色' },
  { key: 'shoes', name: '鞋履', silhouette: 'boot', color: '棕色' },
  { key: 'kids', name: '童装', silhouette: 'tee', color: '鹅黄' },
  { key: 'accessories', name: '配饰', silhouette: 'bag', color: '焦糖色' },
];

export interface DemoProduct {
  /** Names its image files. */
  slug: string;
  category: CategoryKey;
  name: string;
  subtitle: string;
  description: string;
  silhouette: Silhouette;
  stripes?: boolean;
  colors: ColorName[];
  /** '' for one size (均码). */
  sizes: string[];
  priceFen: number;
  /** Added per size step (children's sizes cost more as they grow). */
  sizeStepFen?: number;
  soldOut?: boolean;
  /** 新款首发 from this many days before the seed to this many days after. */
  launch?: { startedDaysAgo: number; endsInDays: number };
}

const LETTER = ['S', 'M', 'L'];
const LETTER_XL = ['S', 'M', 'L', 'XL'];
const WOMEN_SHOES = ['35', '36', '37', '38', '39'];
const KIDS = ['100', '110', '120', '130'];
const ONE_SIZE = [''];

export const DEMO_PRODUCTS: DemoProduct[] = [
  { slug: 'dress-floral-tea', category: 'dress', name: '法式碎花茶歇裙', subtitle: '收腰显瘦 · 双层雪纺', description: '春夏新款。V 领与泡泡袖修饰肩颈，腰部松紧收褶，内衬不透。建议手洗，低温熨烫。', silhouette: 'dress', colors: ['雾霾蓝', '奶白', '樱花粉'], sizes: LETTER_XL, priceFen: 32_900, launch: { startedDaysAgo: 2, endsInDays: 21 } },
  { slug: 'dress-square-neck', category: 'dress', name: '桔梗风方领连衣裙', subtitle: '复古方领 · 通勤约会两穿', description: '挺括醋酸面料，方领开口适中，后背隐形拉链。长度过膝，通勤与约会都合适。', silhouette: 'dress', colors: ['黑色', '藏青'], sizes: LETTER, priceFen: 39_900 },
  { slug: 'dress-knit-vest', category: 'dress', name: '针织背心裙', subtitle: '软糯亲肤 · 可叠穿', description: '羊毛混纺针织，单穿或内搭衬衫都好看。宽松 A 字版型，不挑身材。', silhouette: 'slipdress', colors: ['燕麦色', '焦糖色'], sizes: LETTER, priceFen: 25_900 },
  { slug: 'dress-silk-slip', category: 'dress', name: '真丝吊带长裙', subtitle: '19 姆米桑蚕丝 · 垂坠光泽', description: '重磅真丝，斜裁垂顺，肩带可调节。建议干洗，避免暴晒。', silhouette: 'slipdress', colors: ['香槟色', '墨绿'], sizes: LETTER, priceFen: 89_900, soldOut: true },
  { slug: 'dress-denim-shirt', category: 'dress', name: '衬衫式牛仔连衣裙', subtitle: '水洗软牛仔 · 配同色腰带', description: '全棉水洗牛仔，越穿越软。翻领门襟设计，附赠同色系腰带。', silhouette: 'dress', colors: ['浅蓝', '深蓝'], sizes: LETTER_XL, priceFen: 35_900 },
  { slug: 'dress-linen-maxi', category: 'dress', name: '亚麻度假长裙', subtitle: '透气亚麻 · 海边必备', description: '亚麻棉混纺，凉爽透气。系带收腰，裙摆宽大，走路带风。', silhouette: 'slipdress', colors: ['米白', '橄榄绿'], sizes: LETTER, priceFen: 29_900 },

  { slug: 'top-basic-tee', category: 'top', name: '纯棉基础圆领T恤', subtitle: '新疆长绒棉 · 不易变形', description: '220 克重磅纯棉，领口罗纹加固，洗后不松垮。百搭基础款，建议多色囤货。', silhouette: 'tee', colors: ['白色', '黑色', '灰色'], sizes: LETTER_XL, priceFen: 5_900 },
  { slug: 'top-puff-blouse', category: 'top', name: '法式泡泡袖衬衫', subtitle: '微透棉感 · 温柔气质', description: '泡泡袖与木耳边领口，轻盈棉质面料。可塞进半裙或搭配牛仔裤。', silhouette: 'shirt', colors: ['白色', '浅蓝'], sizes: LETTER, priceFen: 22_900 },
  { slug: 'top-wool-cardigan', category: 'top', name: '羊毛混纺开衫', subtitle: '软糯不扎 · 早晚温差必备', description: '30% 羊毛混纺，柔软亲肤不扎人。珍珠扣点缀，单穿或外搭都合适。', silhouette: 'knit', colors: ['燕麦色', '雾粉', '藏青'], sizes: LETTER, priceFen: 39_900, launch: { startedDaysAgo: 1, endsInDays: 14 } },
  { slug: 'top-breton-stripe', category: 'top', name: '条纹海魂衫', subtitle: '经典船领 · 法式休闲', description: '经典蓝白条纹，船领落肩，纯棉面料厚实有型。', silhouette: 'tee', stripes: true, colors: ['藏青'], sizes: LETTER_XL, priceFen: 12_900 },
  { slug: 'top-satin-shirt', category: 'top', name: '醋酸缎面衬衫', subtitle: '柔光缎面 · 通勤高级感', description: '醋酸面料自带柔光，垂感好不易皱。宽松廓形，袖口可挽起。', silhouette: 'shirt', colors: ['香槟色', '黑色'], sizes: LETTER, priceFen: 32_900 },
  { slug: 'top-turtleneck', category: 'top', name: '高领打底针织衫', subtitle: '修身弹力 · 秋冬内搭', description: '细针高弹，贴身不勒。高领可翻折，内搭大衣和西装都好看。', silhouette: 'knit', colors: ['黑色', '燕麦色', '酒红'], sizes: LETTER, priceFen: 15_900 },

  { slug: 'pants-wide-leg', category: 'pants', name: '高腰阔腿西裤', subtitle: '垂感面料 · 显高显瘦', description: '高腰设计拉长比例，前中烫线利落。垂感面料不易起皱，四季可穿。', silhouette: 'pants', colors: ['黑色', '卡其'], sizes: LETTER_XL, priceFen: 29_900 },
  { slug: 'pants-straight-jeans', category: 'pants', name: '直筒牛仔裤', subtitle: '微弹舒适 · 经典直筒', description: '含少量弹力纤维，久坐不紧绷。直筒版型修饰腿型，九分长度露出脚踝。', silhouette: 'pants', colors: ['浅蓝', '深蓝'], sizes: ['25', '26', '27', '28', '29'], priceFen: 26_900 },
  { slug: 'pants-jogger', category: 'pants', name: '束脚休闲卫裤', subtitle: '毛圈棉 · 居家出街', description: '毛圈棉面料吸汗透气，抽绳松紧腰，束脚口更利落。', silhouette: 'pants', colors: ['灰色', '黑色'], sizes: LETTER_XL, priceFen: 15_900 },
  { slug: 'pants-cigarette', category: 'pants', name: '九分烟管裤', subtitle: '小直筒 · 通勤百搭', description: '四面弹面料，烟管小直筒，配乐福鞋或短靴都好看。', silhouette: 'pants', colors: ['黑色', '藏青'], sizes: LETTER, priceFen: 23_900 },
  { slug: 'pants-corduroy', category: 'pants', name: '灯芯绒休闲裤', subtitle: '复古条绒 · 秋冬保暖', description: '细条灯芯绒，手感柔软。宽松直筒，复古又保暖。', silhouette: 'pants', colors: ['焦糖色', '橄榄绿'], sizes: LETTER, priceFen: 25_900 },
  { slug: 'pants-linen-shorts', category: 'pants', name: '亚麻松紧短裤', subtitle: '凉爽透气 · 夏日必备', description: '亚麻混纺，松紧腰头不勒肚子，侧袋实用。', silhouette: 'shorts', colors: ['米白', '卡其'], sizes: LETTER, priceFen: 12_900 },

  { slug: 'coat-cashmere', category: 'coat', name: '双面羊绒大衣', subtitle: '手工双面呢 · 轻暖有型', description: '羊绒羊毛混纺双面呢，手工缝制无里衬，轻盈保暖。建议专业干洗。', silhouette: 'coat', colors: ['驼色', '黑色'], sizes: LETTER, priceFen: 89_900 },
  { slug: 'coat-short-down', category: 'coat', name: '短款羽绒服', subtitle: '90% 白鸭绒 · 轻薄保暖', description: '90% 白鸭绒填充，充绒量足，面料防泼水。短款设计显腿长。', silhouette: 'jacket', colors: ['奶白', '黑色', '雾霾蓝'], sizes: LETTER_XL, priceFen: 69_900, launch: { startedDaysAgo: 3, endsInDays: 28 } },
  { slug: 'coat-trench', category: 'coat', name: '经典风衣', subtitle: '防泼水棉料 · 双排扣', description: '经典双排扣与肩章设计，防泼水处理，春秋换季的第一件外套。', silhouette: 'coat', colors: ['卡其', '黑色'], sizes: LETTER, priceFen: 59_900 },
  { slug: 'coat-denim-jacket', category: 'coat', name: '牛仔夹克', subtitle: '复古水洗 · 宽松落肩', description: '全棉牛仔，复古水洗做旧，落肩宽松版型，可叠穿卫衣。', silhouette: 'jacket', colors: ['浅蓝'], sizes: LETTER_XL, priceFen: 32_900 },
  { slug: 'coat-sun-shield', category: 'coat', name: '轻薄防晒外套', subtitle: 'UPF50+ · 可收纳', description: 'UPF50+ 防晒面料，轻薄透气，可折叠收纳进口袋。', silhouette: 'jacket', colors: ['白色', '雾粉', '浅蓝'], sizes: LETTER, priceFen: 15_900 },
  { slug: 'coat-fleece', category: 'coat', name: '摇粒绒立领外套', subtitle: '双面绒 · 防风保暖', description: '双面摇粒绒，立领防风，户外和通勤都适合。', silhouette: 'jacket', colors: ['燕麦色', '墨绿'], sizes: LETTER_XL, priceFen: 25_900 },

  { slug: 'shoes-loafer', category: 'shoes', name: '软底乐福鞋', subtitle: '头层牛皮 · 久走不累', description: '头层牛皮鞋面，软底回弹，一脚蹬设计方便穿脱。', silhouette: 'shoe', colors: ['黑色', '焦糖色'], sizes: WOMEN_SHOES, priceFen: 35_900 },
  { slug: 'shoes-trainer', category: 'shoes', name: '复古德训鞋', subtitle: '翻毛皮拼接 · 生胶底', description: '翻毛皮拼接鞋面，经典生胶大底，防滑耐磨。', silhouette: 'sneaker', colors: ['白色', '灰色'], sizes: [...WOMEN_SHOES, '40'], priceFen: 29_900, soldOut: true },
  { slug: 'shoes-chelsea', category: 'shoes', name: '切尔西短靴', subtitle: '弹力侧边 · 方便穿脱', description: '牛皮鞋面，两侧弹力松紧带，3.5 厘米粗跟稳当好走。', silhouette: 'boot', colors: ['黑色', '棕色'], sizes: WOMEN_SHOES, priceFen: 49_900, launch: { startedDaysAgo: 2, endsInDays: 20 } },
  { slug: 'shoes-mary-jane', category: 'shoes', name: '玛丽珍单鞋', subtitle: '圆头搭扣 · 复古甜美', description: '漆皮圆头，一字搭扣，低跟舒适，搭配中筒袜更可爱。', silhouette: 'shoe', colors: ['黑色', '酒红'], sizes: WOMEN_SHOES, priceFen: 32_900 },
  { slug: 'shoes-platform-canvas', category: 'shoes', name: '厚底帆布鞋', subtitle: '4 厘米增高 · 百搭', description: '加厚帆布鞋面，4 厘米松糕底，轻便增高。', silhouette: 'sneaker', colors: ['白色', '黑色'], sizes: [...WOMEN_SHOES, '40'], priceFen: 15_900 },
  { slug: 'shoes-strap-sandal', category: 'shoes', name: '一字带凉鞋', subtitle: '软皮细带 · 夏日清爽', description: '羊皮细带，软木鞋床吸汗，平底好走。', silhouette: 'shoe', colors: ['米白', '黑色'], sizes: WOMEN_SHOES, priceFen: 19_900 },

  { slug: 'kids-print-tee', category: 'kids', name: '儿童纯棉印花T恤', subtitle: 'A 类婴幼儿标准 · 柔软亲肤', description: '符合 GB 31701 A 类标准，纯棉面料，环保水性印花。', silhouette: 'tee', colors: ['鹅黄', '天蓝'], sizes: KIDS, priceFen: 7_900, sizeStepFen: 1_000 },
  { slug: 'kids-tulle-dress', category: 'kids', name: '女童公主纱裙', subtitle: '三层网纱 · 内衬全棉', description: '三层柔软网纱，内衬全棉不扎皮肤，生日和演出都合适。', silhouette: 'dress', colors: ['樱花粉', '奶白'], sizes: KIDS, priceFen: 19_900, sizeStepFen: 1_000, launch: { startedDaysAgo: 1, endsInDays: 18 } },
  { slug: 'kids-fleece-jacket', category: 'kids', name: '儿童摇粒绒外套', subtitle: '轻暖不起球 · 易打理', description: '双面摇粒绒，轻暖不起球，可机洗。', silhouette: 'jacket', colors: ['燕麦色', '雾粉'], sizes: KIDS, priceFen: 15_900, sizeStepFen: 1_000 },
  { slug: 'kids-cargo-pants', category: 'kids', name: '男童工装长裤', subtitle: '耐磨斜纹 · 多口袋', description: '全棉斜纹布耐磨耐脏，多口袋设计，松紧腰方便穿脱。', silhouette: 'pants', colors: ['卡其', '橄榄绿'], sizes: [...KIDS, '140'], priceFen: 12_900, sizeStepFen: 1_000 },
  { slug: 'kids-stripe-sweat', category: 'kids', name: '亲子款条纹卫衣', subtitle: '大人小孩同款 · 毛圈棉', description: '毛圈棉卫衣，亲子同款条纹，成人款请在上衣分类选购。', silhouette: 'knit', stripes: true, colors: ['藏青'], sizes: KIDS, priceFen: 13_900, sizeStepFen: 1_000 },
  { slug: 'kids-first-walkers', category: 'kids', name: '儿童学步鞋', subtitle: '软底防滑 · 护脚踝', description: '软底防滑，高帮护踝，魔术贴方便穿脱。', silhouette: 'sneaker', colors: ['樱花粉', '天蓝'], sizes: ['22', '23', '24', '25'], priceFen: 9_900 },

  { slug: 'acc-leather-bag', category: 'accessories', name: '真皮腋下包', subtitle: '头层牛皮 · 复古法棍包', description: '头层牛皮，肩带可调节，内有拉链隔层，手机钱包都放得下。', silhouette: 'bag', colors: ['黑色', '焦糖色', '奶白'], sizes: ONE_SIZE, priceFen: 59_900, launch: { startedDaysAgo: 4, endsInDays: 25 } },
  { slug: 'acc-cashmere-scarf', category: 'accessories', name: '羊绒围巾', subtitle: '100% 山羊绒 · 轻薄保暖', description: '100% 山羊绒，200×35 厘米，披肩围巾两用。', silhouette: 'scarf', colors: ['驼色', '灰色', '酒红'], sizes: ONE_SIZE, priceFen: 29_900 },
  { slug: 'acc-bucket-hat', category: 'accessories', name: '渔夫帽', subtitle: '可折叠 · 遮阳显脸小', description: '全棉帽身，帽檐加宽遮阳，可折叠收纳。头围 56–58 厘米。', silhouette: 'hat', colors: ['米白', '黑色', '卡其'], sizes: ONE_SIZE, priceFen: 9_900 },
  { slug: 'acc-pearl-clips', category: 'accessories', name: '珍珠发夹套装', subtitle: '一套 4 只 · 温柔百搭', description: '仿珍珠发夹一套 4 只，大小搭配，精致不夹头发。', silhouette: 'pearls', colors: ['珍珠白'], sizes: ONE_SIZE, priceFen: 5_900 },
  { slug: 'acc-canvas-tote', category: 'accessories', name: '帆布托特包', subtitle: '加厚帆布 · 大容量', description: '16 安加厚帆布，可放 A4 文件和电脑，通勤上课都方便。', silhouette: 'bag', colors: ['米白', '藏青'], sizes: ONE_SIZE, priceFen: 12_900 },
  { slug: 'acc-leather-belt', category: 'accessories', name: '细款真皮腰带', subtitle: '头层牛皮 · 金色针扣', description: '2 厘米细款，头层牛皮，可自行打孔调节长度。', silhouette: 'belt', colors: ['黑色', '棕色'], sizes: ONE_SIZE, priceFen: 15_900 },
];

export interface ProductImage {
  file: string;
  color: ColorName;
  /** front: the whole item; detail: a close-up of it. */
  view: 'front' | 'detail';
}

/** One image per colour (up to three); a single-colour product gets a front view and a close-up. */
export function productImages(p: DemoProduct): ProductImage[] {
  const views: Array<Omit<ProductImage, 'file'>> =
    p.colors.length > 1 ? p.colors.slice(0, 3).map((color) => ({ color, view: 'front' })) : [
      { color: p.colors[0]!, view: 'front' },
      { color: p.colors[0]!, view: 'detail' },
    ];
  return views.map((v, i) => ({ ...v, file: `${p.slug}-${i + 1}.svg` }));
}

export const categoryImageFile = (c: DemoCategory) => `category-${c.key}.svg`;

/** 秒杀: one live from the seed for two hours, one starting four hours later. */
const FLASH_SALES = [
  { product: 'top-wool-cardigan', priceFen: 19_900, stock: 50, perMemberLimit: 1, startsInHours: 0, hours: 2 },
  { product: 'pants-straight-jeans', priceFen: 15_900, stock: 80, perMemberLimit: 2, startsInHours: 4, hours: 2 },
];
const liveFlashSale = FLASH_SALES[0]!;
const liveFlashProduct = DEMO_PRODUCTS.find((p) => p.slug === liveFlashSale.product)!;

export interface DemoBanner {
  key: string;
  title: string;
  tagline: string;
  color: ColorName;
  silhouette: Silhouette;
  /** The product the banner opens. */
  product: string | null;
}

export const DEMO_BANNERS: DemoBanner[] = [
  { key: 'new', title: '新款首发 · 春夏系列', tagline: '碎花茶歇裙上新，首发期限时折扣', color: '雾霾蓝', silhouette: 'dress', product: 'dress-floral-tea' },
  {
    key: 'flash',
    title: '爆款秒杀 · 限时两小时',
    tagline: `${liveFlashProduct.name} ¥${liveFlashSale.priceFen / 100}，每人限购 ${liveFlashSale.perMemberLimit} 件`,
    color: liveFlashProduct.colors[0]!,
    silhouette: liveFlashProduct.silhouette,
    product: liveFlashProduct.slug,
  },
  { key: 'night', title: '晚10点夜市', tagline: '每晚 22:00 开市，每晚一个品类', color: '藏青', silhouette: 'boot', product: null },
];

export const bannerImageFile = (b: DemoBanner) => `banner-${b.key}.svg`;

/** The night market's category, Monday first. */
const NIGHT_MARKET: CategoryKey[] = ['shoes', 'top', 'kids', 'accessories', 'dress', 'coat', 'pants'];


/** A stock of 0–200 that looks random but is the same on every start. */
const stockOf = (productIndex: number, skuIndex: number) => (productIndex * 73 + skuIndex * 41 + 17) % 201;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export async function seedDemoProducts(ctx: UseCaseContext, admin: Actor): Promise<void> {
  const isoIn = (ms: number) => new Date(ctx.now.getTime() + ms).toISOString();
  const categoryIds = new Map<CategoryKey, string>();
  for (const [position, c] of DEMO_CATEGORIES.entries()) {
    const category = saved(
      await saveCategory(ctx, null, { category: { name: c.name, imageUrl: catalogImageUrl(categoryImageFile(c)), position, active: true } }),
    );
    categoryIds.set(c.key, category.id);
  }

  const productIds = new Map<string, string>();
  for (const [index, p] of DEMO_PRODUCTS.entries()) {
    const skus = p.colors.flatMap((color, c) =>
      p.sizes.map((size, s) => ({
        size,
        color,
        priceFen: p.priceFen + s * (p.sizeStepFen ?? 0),
        stock: p.soldOut ? 0 : stockOf(index, c * p.sizes.length + s),
        stockSeen: null,
      })),
    );
    const product = saved(
      await saveProduct(ctx, null, {
        product: {
          categoryId: categoryIds.get(p.category)!,
          name: p.name,
          subtitle: p.subtitle,
          description: p.description,
          images: productImages(p).map((i) => catalogImageUrl(i.file)),
          launchStartsAt: p.launch ? isoIn(-p.launch.startedDaysAgo * DAY_MS) : null,
          launchEndsAt: p.launch ? isoIn(p.launch.endsInDays * DAY_MS) : null,
          active: true,
          // New launches first in their category.
          position: p.launch ? 0 : 10 + index,
          skus,
        },
      }),
    );
    productIds.set(p.slug, product.id);
  }

  for (const f of FLASH_SALES) {
    saved(
      await saveFlashSale(ctx, null, {
        flashSale: {
          productId: productIds.get(f.product)!,
          priceFen: f.priceFen,
          stock: f.stock,
          perMemberLimit: f.perMemberLimit,
          startsAt: isoIn(f.startsInHours * HOUR_MS),
          endsAt: isoIn((f.startsInHours + f.hours) * HOUR_MS),
        },
      }),
    );
  }

  for (const [position, b] of DEMO_BANNERS.entries()) {
    saved(
      await saveBanner(ctx, null, {
        banner: {
          title: b.title,
          imageUrl: catalogImageUrl(bannerImageFile(b)),
          productId: b.product ? productIds.get(b.product)! : null,
          position,
          active: true,
        },
      }),
    );
  }

  const welcome = saved(
    await saveCouponTemplate(ctx, null, {
      template: {
        name: '新人礼 满99减15',
        kind: 'amount_off',
        amountOffFen: 1500,
        percentOff: null,
        capFen: null,
        thresholdFen: 9900,
        validFrom: null,
        validUntil: null,
        validDays: 30,
        categoryIds: [],
        perMemberLimit: 1,
        active: true,
      },
    }),
  );
  saved(
    await updateBrandSettings(ctx, admin, {
      settings: {
        ...ctx.brand,
        nightMarket: { ...ctx.brand.nightMarket, categoryByWeekday: NIGHT_MARKET.map((key) => categoryIds.get(key)!) },
        referral: { ...ctx.brand.referral, welcomeCouponTemplateId: welcome.id },
      },
    }),
  );
}
