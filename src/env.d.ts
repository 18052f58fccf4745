/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro: the build target. */
    TARO_ENV: 'weapp' | 'h5' | undefined;
    TARO_APP_API_BASE?: string;
    TARO_APP_CLOUD_ENV?: string;
    /** The one-time subscription message template of the check-in reminder (weapp). */
    TARO_APP_REMINDER_TEMPLATE_ID?: string;
    /** The one-time subscription message template of a guide's 「今日任务」 reminder (weapp). */
    TARO_APP_TASKS_TEMPLATE_ID?: string;
  }
}
