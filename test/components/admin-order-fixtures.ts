/** What the 订单 screens' tests answer with: order list items, an order's detail, gifts waiting to ship. */
import type { AdminGift, AdminOrderDetail, AdminOrderListItem } from '@cloud/contract';

export const ADDRESS = { name: '林小姐', phone: '13800138000', region: '上海市 静安区', detail: '南京西路 1266 号' };

export const orderItem = (over: Partial<AdminOrderListItem> = {}): AdminOrderListItem => ({
  id: '301',
  status: 'paid',
  member: { id: '21', nickname: '小林' },
  goods: { name: '法式碎花连衣裙', skuLabel: '雾霾蓝 / M', qty: 1, imageUrl: null },
  totalFen: 29_900,
  createdAt: '2026-11-23T09:58:00+08:00',
  paidAt: '2026-11-23T10:00:00+08:00',
  openAfterSales: null,
  ...over,
});

export const gift = (over: Partial<AdminGift> = {}): AdminGift => ({
  kind: 'mall',
  id: '41',
  name: '品牌帆布袋',
  imageUrl: null,
  member: { id: '21', nickname: '小林' },
  fulfilment: 'to_ship',
  address: ADDRESS,
  shipment: null,
  createdAt: '2026-11-22T15:30:00+08:00',
  ...over,
});

export const orderDetail = (over: Partial<AdminOrderDetail> = {}): AdminOrderDetail => ({
  id: '301',
  kind: 'product',
  status: 'paid',
  product: { id: '7', name: '法式碎花连衣裙', imageUrl: null },
  pointsPrice: 0,
  skuLabel: '雾霾蓝 / M',
  qty: 2,
  listPriceFen: 15_900,
  unitPriceFen: 15_900,
  memberDiscountFen: 1_000,
  memberDayDiscountFen: 0,
  couponDiscountFen: 2_000,
  shippingFen: 1_000,
  totalFen: 29_800,
  flashSale: false,
  coupon: { id: '88', name: '满200减20' },
  pointsEarned: 298,
  address: ADDRESS,
  note: '放门卫',
  shipment: null,
  afterSales: null,
  actions: [],
  createdAt: '2026-11-23T09:58:00+08:00',
  expiresAt: '2026-11-23T10:13:00+08:00',
  paidAt: '2026-11-23T10:00:00+08:00',
  cancelledAt: null,
  completedAt: null,
  refundedAt: null,
  timeline: [
    { step: 'created', at: '2026-11-23T09:58:00+08:00' },
    { step: 'paid', at: '2026-11-23T10:00:00+08:00' },
  ],
  member: { id: '21', nickname: '小林', tier: 'silver', deleted: false },
  ...over,
});
