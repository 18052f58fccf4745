/** The variables an SOP 话术 may use. Pure, importing nothing: the app's script chips read it too. */
export const SCRIPT_VARIABLES = ['昵称', '导购', '券', '商品', '节日', '原因'] as const;
export type ScriptVariable = (typeof SCRIPT_VARIABLES)[number];
