import { describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { grantBirthdayGiftsBatch } from '@cloud/services/birthday/grant-birthday-gifts';
import { doCheckin } from '@cloud/services/checkin/do-checkin';
import { runDueJobs } from '@cloud/services/jobs/daily-jobs';
import { updateProfile } from '@cloud/services/member/update-profile';
import { myCoupons } from '@cloud/services/coupons/wallet';
import { couponTemplate } from '../support/catalog';
import { deliverOutbox } from '@cloud/services/reminders/deliver-outbox';
import { queueCheckinRemindersBatch } from '@cloud/services/reminders/queue-reminders';
import type { MessageSender, OutboxMessage } from '@cloud/adapters/messages/message-sender';
import { subscribeReminder } from '@cloud/services/reminders/subscribe-reminder';
import { backends, useTestDatabase } from '../support/databases';
import { runToEnd } from '../support/jobs';
import { adapters, at, brand, ctxAt, ledgerMismatches, memberJoinedAt } from '../support/fixtures';

/** A sender that records what it was given, as WeChat would receive it. */
function recordingSender(failFor: string[] = []): MessageSender & { sent: OutboxMessage[] } {
  const sent: OutboxMessage[] = [];
  return {
    sent,
    async send(message) {
      if (failFor.includes(message.openid)) throw new Error('43101: user refuse to accept the msg');
      sent.push(message);
    },
  };
}

describe.each(backends)('reminders, birthday gifts and scheduled jobs on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('reminds at 20:00 only members with an unused acceptance who have not checked in today, each acceptance once', async () => {
    const forgetful = await memberJoinedAt(t.db, 'forgetful', '2026-11-01 08:00:00');
    const diligent = await memberJoinedAt(t.db, 'diligent', '2026-11-01 08:00:00');
    const refused = await memberJoinedAt(t.db, 'refused', '2026-11-01 08:00:00');
    const monday = ctxAt(t.db, '2026-11-23 09:00:00');
    for (const m of [forgetful, diligent]) {
      await doCheckin(monday, m, {});
      expect(await subscribeReminder(monday, m, { accepted: true })).toEqual({ pendingReminders: 1 });
    }
    expect(await subscribeReminder(monday, refused, { accepted: false })).toEqual({ pendingReminders: 0 });

    // Monday 20:00: both checked in today — nothing to send, acceptances kept for tomorrow.
    expect(await runToEnd(t.db, queueCheckinRemindersBatch, brand, at('2026-11-23 20:00:00'))).toEqual({ queued: 0 });
    await doCheckin(ctxAt(t.db, '2026-11-24 08:00:00'), diligent, {});
    expect(await runToEnd(t.db, queueCheckinRemindersBatch, brand, at('2026-11-24 20:00:00'))).toEqual({ queued: 1 });
    expect(await runToEnd(t.db, queueCheckinRemindersBatch, brand, at('2026-11-24 20:05:00'))).toEqual({ queued: 0 });

    // 明天提醒我 means tomorrow: an acceptance given tonight is not used tonight.
    const late = await memberJoinedAt(t.db, 'late-tapper', '2026-11-01 08:00:00');
    await subscribeReminder(ctxAt(t.db, '2026-11-24 21:00:00'), late, { accepted: true });
    expect(await runToEnd(t.db, queueCheckinRemindersBatch, brand, at('2026-11-24 21:05:00'))).toEqual({ queued: 0 });

    const sender = recordingSender();
    expect(await deliverOutbox(t.db, sender)).toEqual({ sent: 1, failed: 0 });
    expect(sender.sent.map((m) => [m.openid, m.payload.day, m.payload.page])).toEqual([['forgetful', '2026-11-24', 'pages/checkin/index']]);
    expect(await deliverOutbox(t.db, sender)).toEqual({ sent: 0, failed: 0 });
    expect(await runToEnd(t.db, queueCheckinRemindersBatch, brand, at('2026-11-25 20:00:00'))).toEqual({ queued: 2 });
  });

  it('keeps a failed delivery for a retry, a few times at most', async () => {
    const member = await memberJoinedAt(t.db, 'unreachable', '2026-11-01 08:00:00');
    await subscribeReminder(ctxAt(t.db, '2026-11-23 09:00:00'), member, { accepted: true });
    await runToEnd(t.db, queueCheckinRemindersBatch, brand, at('2026-11-24 20:00:00'));
    const failing = recordingSender(['unreachable']);
    for (let i = 0; i < 7; i++) await deliverOutbox(t.db, failing);
    const { rows } = await t.db.query<{ attempts: number; sent_at: Date | null; last_error: string }>('select attempts, sent_at, last_error from outbox');
    expect(rows).toEqual([{ attempts: 5, sent_at: null, last_error: '43101: user refuse to accept the msg' }]);
  });

  it('gives the tier birthday points once a year in the birthday month', async () => {
    const member = await memberJoinedAt(t.db, 'born-in-nov', '2026-01-01 08:00:00');
    const other = await memberJoinedAt(t.db, 'born-in-dec', '2026-01-01 08:00:00');
    await updateProfile(ctxAt(t.db, '2026-10-01 10:00:00'), member, { consentVersion: CONSENT_VERSION, birthday: '1990-11-30' });
    await updateProfile(ctxAt(t.db, '2026-10-01 10:00:00'), other, { consentVersion: CONSENT_VERSION, birthday: '1990-12-01' });
    expect(await runToEnd(t.db, grantBirthdayGiftsBatch, brand, at('2026-10-31 23:59:00'))).toEqual({ members: 0, points: 0, coupons: 0 });
    expect(await runToEnd(t.db, grantBirthdayGiftsBatch, brand, at('2026-11-01 00:30:00'))).toEqual({ members: 1, points: 50, coupons: 0 });
    expect(await runToEnd(t.db, grantBirthdayGiftsBatch, brand, at('2026-11-15 00:30:00'))).toEqual({ members: 0, points: 0, coupons: 0 });
    expect(await runToEnd(t.db, grantBirthdayGiftsBatch, brand, at('2027-11-01 00:30:00'))).toEqual({ members: 1, points: 50, coupons: 0 });
    expect(await ledgerMismatches(t.db)).toEqual([]);
  });

  it('gives the tier birthday coupon too, once a year, when the tier has one', async () => {
    const template = await couponTemplate(t.db, { name: '生日券' });
    const withCoupon = { ...brand, tiers: brand.tiers.map((tier) => ({ ...tier, benefits: { ...tier.benefits, birthdayCouponTemplateId: template.id } })) };
    const member = await memberJoinedAt(t.db, 'coupon-birthday', '2026-01-01 08:00:00');
    await updateProfile(ctxAt(t.db, '2026-10-01 10:00:00'), member, { consentVersion: CONSENT_VERSION, birthday: '1991-11-11' });
    expect(await runToEnd(t.db, grantBirthdayGiftsBatch, withCoupon, at('2026-11-01 00:30:00'))).toEqual({ members: 1, points: 50, coupons: 1 });
    expect(await runToEnd(t.db, grantBirthdayGiftsBatch, withCoupon, at('2026-11-02 00:30:00'))).toEqual({ members: 0, points: 0, coupons: 0 });
    const wallet = await myCoupons({ db: t.db, adapters, brand: withCoupon, now: at('2026-11-02 08:00:00') }, member, {});
    expect(wallet).toMatchObject([{ name: '生日券', source: 'birthday', state: 'available' }]);
  });

  it('runs each daily job once a day after its time, and drains the outbox on every tick', async () => {
    const member = await memberJoinedAt(t.db, 'scheduled', '2026-11-01 08:00:00');
    await subscribeReminder(ctxAt(t.db, '2026-11-23 09:00:00'), member, { accepted: true });
    const sender = recordingSender();
    const names = async (iso: string) => (await runDueJobs(t.db, { sender, payments: adapters.payments }, at(iso))).map((r) => r.job);
    expect(await names('2026-11-24 00:01:00')).toEqual([]);
    expect(await names('2026-11-24 00:06:00')).toEqual(['expire-points']);
    expect(await names('2026-11-24 00:40:00')).toEqual(['tier-anniversaries', 'birthday-gifts', 'complete-shipped-orders', 'segmentation', 'sop-tasks', 'kpi-rollup']);
    expect(await names('2026-11-24 12:00:00')).toEqual(['sop-task-reminders']);
    expect(await names('2026-11-24 20:00:00')).toEqual(['checkin-reminders', 'deliver-outbox']);
    expect(sender.sent).toHaveLength(1);
    expect(await names('2026-11-24 23:59:00')).toEqual([]);
    expect(await names('2026-11-25 00:06:00')).toEqual(['expire-points']);
  });

  it('a tick with no time left before its deadline claims no daily run, still delivers the outbox, and the next tick runs it', async () => {
    const member = await memberJoinedAt(t.db, 'hurried', '2026-11-01 08:00:00');
    await subscribeReminder(ctxAt(t.db, '2026-11-23 09:00:00'), member, { accepted: true });
    await t.db.query(
      `insert into outbox (member_id, kind, payload, created_at) values ($1, 'checkin_reminder', '{"day": "2026-11-23", "page": "pages/checkin/index"}', now())`,
      [member.memberId],
    );
    const sender = recordingSender();
    const ports = { sender, payments: adapters.payments };
    const hurried = await runDueJobs(t.db, ports, at('2026-11-24 20:00:00'), { clock: () => 1_000, deadline: 1_000 });
    expect(hurried).toEqual([{ job: 'deliver-outbox', result: { sent: 1, failed: 0 } }]);
    const { rows } = await t.db.query('select job from job_runs');
    expect(rows).toEqual([]);
    const next = await runDueJobs(t.db, ports, at('2026-11-24 20:05:00'));
    expect(next.map((r) => [r.job, r.run?.state])).toEqual([
      ['expire-points', 'finished'],
      ['tier-anniversaries', 'finished'],
      ['birthday-gifts', 'finished'],
      ['checkin-reminders', 'finished'],
      ['complete-shipped-orders', 'finished'],
      ['segmentation', 'finished'],
      ['sop-tasks', 'finished'],
      ['sop-task-reminders', 'finished'],
      ['kpi-rollup', 'finished'],
      ['deliver-outbox', undefined],
    ]);
    expect(sender.sent).toHaveLength(2);
  });
});
