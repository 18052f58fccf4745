/**
 * A SOP step's 话术 as the guide copies it: {昵称} {导购} {券} {商品} {节日} {原因} filled in for one
 * member, and what made the task due in a few words. Pure: the use case reads the values.
 */
import type { SopTrigger } from './sop-plan';
import type { ScriptVariable } from './sop-variables';

export interface ScriptValues {
  nickname: string | null;
  guideName: string | null;
  couponName: string | null;
  productName: string | null;
  holidayName: string | null;
  churnReason: string | null;
}

/**
 * What a variable reads when its value is missing, so that the sentence still reads naturally
 * to the member (a member who never gave a nickname is 「亲」). A guide without a nickname is
 * left out: scripts name them after 「您的专属导购」, which then reads on its own.
 */
export const SCRIPT_FALLBACKS: Record<ScriptVariable, string> = {
  昵称: '亲',
  导购: '',
  券: '专属优惠券',
  商品: '新品',
  节日: '节日',
  原因: '好久没见到您了',
};

const VALUE_OF: Record<ScriptVariable, keyof ScriptValues> = {
  昵称: 'nickname',
  导购: 'guideName',
  券: 'couponName',
  商品: 'productName',
  节日: 'holidayName',
  原因: 'churnReason',
};

/** Fills the known variables; any other text in braces is left as written (the editor refuses it). */
export function renderScript(script: string, values: ScriptValues): string {
  return script.replace(/\{([^{}]{1,8})\}/g, (whole, name: string) => {
    if (!(name in VALUE_OF)) return whole;
    const value = values[VALUE_OF[name as ScriptVariable]]?.trim();
    return value ? value : SCRIPT_FALLBACKS[name as ScriptVariable];
  });
}

const SEGMENT_TEXT = { churnRisk: '进入流失预警', highValue: '成为高价值会员' } as const;

/** Why a task is due, as the guide's card says it. */
export function triggerText(trigger: SopTrigger): string {
  switch (trigger.kind) {
    case 'bound':
      return trigger.days === 0 ? '新会员绑定当天' : `绑定后第 ${trigger.days} 天`;
    case 'holiday':
      return `节日 · ${trigger.name}`;
    case 'birthday':
      return '会员生日';
    case 'tierUp':
      return '会员等级提升';
    case 'segment':
      return SEGMENT_TEXT[trigger.segment];
    case 'delivered':
      return `签收后 ${trigger.days} 天`;
  }
}
