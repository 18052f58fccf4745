/**
 * The `jobs` cloud function: a timer (config.json, every 5 minutes) runs the due scheduled jobs
 * (services/jobs/daily-jobs.ts). Timer runs have no OPENID; nothing here acts for a member.
 */
export { wechatJobsMain as buildMain } from '../wechat-entry';
