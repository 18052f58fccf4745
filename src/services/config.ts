/** Build-time settings (TARO_APP_* from the environment of `taro build`, see config/index.ts). */
const apiBase = process.env.TARO_APP_API_BASE || '';
const cloudEnv = process.env.TARO_APP_CLOUD_ENV || '';
const reminderTemplateId = process.env.TARO_APP_REMINDER_TEMPLATE_ID || '';
const tasksTemplateId = process.env.TARO_APP_TASKS_TEMPLATE_ID || '';

export const IS_WEAPP = process.env.TARO_ENV === 'weapp';
export const IS_H5 = process.env.TARO_ENV === 'h5';

/** The WeChat cloud environment id; when set (weapp only) calls go through wx.cloud. */
export const CLOUD_ENV = IS_WEAPP ? cloudEnv : '';

/** Base URL of the Node server: same origin in H5, the local server in a weapp dev build. */
export const API_BASE = (apiBase || (IS_WEAPP ? 'http://127.0.0.1:3000' : '')).replace(/\/+$/, '');

/** The check-in reminder's subscription message template (weapp; '' when not configured). */
export const REMINDER_TEMPLATE_ID = reminderTemplateId;

/** A guide's 「今日任务」 reminder template (weapp; '' when not configured). */
export const TASKS_TEMPLATE_ID = tasksTemplateId;

