/**
 * Every error a function can answer with. The code is stable (clients branch on it), the
 * HTTP status is what the Node server sends, the message is Chinese and fit to show a member.
 */
export const ERRORS = {
  INVALID_PARAMS: { status: 400, message: '请求参数有误' },
  INVALID_JSON: { status: 400, message: '请求格式有误' },
  BAD_URL: { status: 400, message: '请求地址有误' },
  DEV_CLOCK_INVALID: { status: 400, message: '调试时间有误，请使用 2000—2100 年之间的 ISO 时间' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  UNKNOWN_FUNCTION: { status: 404, message: '功能不存在' },
  UNKNOWN_ACTION: { status: 404, message: '操作不存在' },
  NOT_FOUND: { status: 404, message: '内容不存在' },
  MAKEUP_NOT_PAST: { status: 400, message: '只能补签今天以前的日期' },
  MAKEUP_OUT_OF_WINDOW: { status: 400, message: '只能补签最近几天内漏签的日期' },
  MAKEUP_BEFORE_JOIN: { status: 400, message: '入会之前的日期不能补签' },
  MAKEUP_ALREADY_CHECKED: { status: 409, message: '这一天已经签到过了' },
  MAKEUP_LIMIT: { status: 409, message: '本月补签次数已用完' },
  INSUFFICIENT_POINTS: { status: 409, message: '积分不足' },
  INSUFFICIENT_GROUP_POINTS: { status: 409, message: '社群积分不足' },
  POINTS_LIMIT: { status: 409, message: '积分余额已达上限' },
  CONSENT_REQUIRED: { status: 403, message: '请先阅读并同意隐私保护指引' },
  BIRTHDAY_LOCKED: { status: 409, message: '生日设置后不能修改，如需更改请联系客服' },
  UNSUPPORTED_MEDIA: { status: 400, message: '仅支持 JPG、PNG 或 WebP 图片' },
  NO_CHANCE: { status: 409, message: '没有抽奖机会了，明天签到再来吧' },
  CAMPAIGN_CLOSED: { status: 409, message: '活动未开始或已结束' },
  DRAW_LIMIT: { status: 409, message: '今天的抽奖次数已用完' },
  OUT_OF_STOCK: { status: 409, message: '已兑完，下次早点来' },
  REDEEM_LIMIT: { status: 409, message: '已达到兑换上限' },
  TIER_REQUIRED: { status: 409, message: '会员等级不足，无法兑换' },
  NOT_IN_WINDOW: { status: 409, message: '不在兑换时间内' },
  COUPON_CODE_FORMAT: { status: 400, message: '券码为 12 位字母或数字（不含 0、1、I、L、O）' },
  COUPON_NOT_FOUND: { status: 404, message: '券码不存在，请核对后重试' },
  COUPON_USED: { status: 409, message: '这张券已经核销过了' },
  COUPON_EXPIRED: { status: 409, message: '这张券已过期' },
  COUPON_NOT_YET: { status: 409, message: '这张券还未到使用时间' },
  COUPON_HELD: { status: 409, message: '这张券正被一笔待支付订单占用' },
  COUPON_LIMIT: { status: 409, message: '这张券每人限领数量已满' },
  CAMPAIGN_INVALID: { status: 400, message: '活动设置有误' },
  CATALOG_INVALID: { status: 400, message: '商品设置有误' },
  STOCK_CHANGED: { status: 409, message: '库存已变化，请按现有库存重新填写' },
  ADDRESS_NOT_NEEDED: { status: 409, message: '这个奖品无需填写收货地址' },
  FLASH_SALE_LIMIT: { status: 409, message: '秒杀商品每人限购，您已达到上限' },
  FLASH_SALE_OVER: { status: 409, message: '秒杀已结束或已抢光' },
  COUPON_NOT_APPLICABLE: { status: 409, message: '这张券不适用于本单' },
  PRICE_CHANGED: { status: 409, message: '价格有变化，请确认新价格后再提交' },
  ORDER_BUSY: { status: 409, message: '订单支付状态确认中，请稍后再试' },
  ORDER_NOT_PENDING: { status: 409, message: '订单已支付或已取消' },
  ORDER_EXPIRED: { status: 409, message: '订单已超时取消，请重新下单' },
  REFUND_NOT_ALLOWED: { status: 409, message: '这笔订单不能退款' },
  ADDRESS_REQUIRED: { status: 400, message: '请选择收货地址' },
  ADDRESS_LIMIT: { status: 409, message: '收货地址已达上限，请先删除不用的地址' },
  ORDER_NOT_SHIPPABLE: { status: 409, message: '只有待发货的订单可以发货' },
  ORDER_NOT_SHIPPED: { status: 409, message: '订单尚未发货，暂不能确认收货' },
  GIFT_NOT_SHIPPABLE: { status: 409, message: '只有待发货的礼品可以发货' },
  AFTER_SALES_NOT_ALLOWED: { status: 409, message: '这笔订单当前不能申请售后' },
  AFTER_SALES_OPEN: { status: 409, message: '这笔订单已有售后申请在处理中' },
  NO_REFUND_REQUEST: { status: 409, message: '这笔订单没有待处理的售后申请' },
  PAYMENT_INVALID: { status: 400, message: '支付通知无效' },
  PAYMENT_NOT_CONFIGURED: { status: 503, message: '微信支付暂未开通，请联系管理员' },
  GROUP_DATA_INVALID: { status: 400, message: '群信息无法识别，请从群聊重新打开' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  WECHAT_NOT_CONFIGURED: { status: 503, message: '微信登录暂未开通，请联系管理员' },
  WECHAT_LOGIN_FAILED: { status: 400, message: '微信登录失败，请重试' },
  SCHEMA_BEHIND: { status: 503, message: '系统升级中，请稍后再试' },
  SEGMENT_NOT_READY: { status: 409, message: '分群还没有算好，请稍后再试' },
  SEGMENT_RUNNING: { status: 409, message: '分群正在重新计算，请稍后再看' },
  OWN_ADMIN_ROLE: { status: 409, message: '不能取消自己的管理员角色，请由其他管理员操作' },
  MEMBER_DELETED: { status: 409, message: '该会员已注销，不能修改' },
  NOT_A_GUIDE: { status: 409, message: '只能分配给角色为导购的员工' },
  STAFF_HAS_NO_GUIDE: { status: 409, message: '导购和管理员不能分配专属导购' },
  TAG_NOT_MANUAL: { status: 409, message: '规则标签由系统按规则维护，不能手动删除' },
  EXPORT_BUSY: { status: 409, message: '导出任务较多，请等前面的导出完成后再试' },
  EXPORT_NOT_READY: { status: 409, message: '导出文件还在生成中，请稍后再试' },
  EXPORT_EXPIRED: { status: 410, message: '导出文件已过期，请重新导出' },
  SOP_TASK_CLOSED: { status: 409, message: '这条任务已完成、已跳过或已过期' },
  SOP_NO_COUPON: { status: 409, message: '这一步没有设置要发的券' },
  VERSION_CONFLICT: { status: 409, message: '内容已被其他人修改，请刷新后重新编辑' },
  INTERNAL: { status: 500, message: '系统繁忙，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One field a request got wrong: its dotted path in the params (e.g. `settings.checkin.basePoints`) and why, in Chinese. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Set when the server can say which fields are wrong, so a form shows each message at its field. */
  fields?: FieldProblem[];
}

/** The envelope every function answers with, over HTTP and from wx.cloud.callFunction. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };
