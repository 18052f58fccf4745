/**
 * For the boolean props of Taro's Button (disabled, loading): on H5 React writes `false` as the
 * attribute "false", which Taro's stylesheet (`taro-button-core[disabled]`) still matches — the
 * button then looks disabled. Passing undefined leaves the attribute out.
 */
export const flag = (on: boolean | undefined): true | undefined => on || undefined;
