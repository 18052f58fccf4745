/**
 * 抽奖活动 (admin subpackage): the campaigns with their state and odds; an upcoming one edited
 * with odds in % and values in yuan, the odds' live total (保存 only at 100%), saved in basis
 * points and fen; the server's refusal of a prize over ¥50,000 shown at that prize's value; a
 * started campaign cannot be changed.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CampaignAdminView } from '@cloud/contract';
import { AdminCampaignsScreen } from '@/packages/admin/campaigns';
import { setTransport } from '@/services/transports';
import { templates } from './admin-fixtures';
import { type RecordedCall } from './fake-transport';
import { all, answering, field, paramsOf, refusal, tap, text, typeAt, valueAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const NOW = new Date('2026-11-24T10:00:00+08:00');
const prize = (over: Partial<CampaignAdminView['prizes'][number]>): CampaignAdminView['prizes'][number] => ({
  id: '1',
  position: 0,
  kind: 'none',
  name: '谢谢参与',
  odds: 0,
  oddsPercent: 0,
  stock: null,
  dailyCap: null,
  valueFen: 0,
  couponTemplateId: null,
  points: null,
  imageUrl: null,
  awarded: 0,
  ...over,
});
const campaign = (over: Partial<CampaignAdminView> = {}): CampaignAdminView => ({
  id: '7',
  name: '新年抽奖',
  startsAt: '2026-12-01T00:00:00+08:00',
  endsAt: '2027-01-01T00:00:00+08:00',
  drawsPerDay: 3,
  winsPerDay: 1,
  winsPerCampaign: 5,
  pointsPerExtraDraw: 30,
  rulesText: '每天 3 次',
  prizes: [
    prize({ id: '71', position: 0, kind: 'goods', name: '保温杯', odds: 100, oddsPercent: 1, stock: 20, valueFen: 19_900 }),
    prize({ id: '72', position: 1, kind: 'points', name: '50 积分', odds: 2_400, oddsPercent: 24, points: 50 }),
    prize({ id: '73', position: 2, kind: 'none', name: '谢谢参与', odds: 7_500, oddsPercent: 75 }),
  ],
  ...over,
});
const running = campaign({ id: '6', name: '双十一抽奖', startsAt: '2026-11-01T00:00:00+08:00', endsAt: '2026-11-30T00:00:00+08:00' });

const saveDisabled = () => document.querySelector('.admin-editor__save')!.hasAttribute('disabled');

const transport = (save: (c: RecordedCall) => unknown) => answering({ 'admin.campaigns': [campaign(), running], 'admin.couponTemplates': templates, 'admin.saveCampaign': save });

describe('抽奖活动', () => {
  it('edits odds in % with a live total, refused by the server for a prize over ¥50,000 at that prize', async () => {
    const calls = transport(() => refusal('CAMPAIGN_INVALID', [{ path: 'campaign.prizes.0.valueFen', message: '单个奖品价值不得超过 50000 元（有奖销售规定）' }]));
    render(<AdminCampaignsScreen now={NOW} />);
    await waitFor(() => expect(all('.admin-editor__name')).toEqual(['新年抽奖', '双十一抽奖']));
    expect(all('.admin-editor__state')).toEqual(['未开始', '进行中']);
    expect(text('.admin-editor__item[data-campaign="7"] .admin-editor__prizes')).toBe('保温杯 1% · 50 积分 24% · 谢谢参与 75%');
    expect(text('.admin-editor__item[data-campaign="7"] .admin-editor__figures')).toBe('已发 0 份 · 最高奖价值 ¥199');

    await tap(document.querySelector('.admin-editor__item[data-campaign="7"]')!);
    expect([valueAt('prizes.0.odds'), valueAt('prizes.0.valueFen'), valueAt('prizes.1.odds'), valueAt('startsAt')]).toEqual(['1', '199', '24', '2026-12-01 00:00']);
    expect(text('.admin-editor__total')).toBe('概率合计 100%');
    expect(saveDisabled()).toBe(false);

    typeAt('prizes.1.odds', '23.5');
    expect(text('.admin-editor__total')).toBe('概率合计 99.5%（须为 100%，还差 0.5%）');
    expect(saveDisabled()).toBe(true);
    typeAt('prizes.0.odds', '1.5');
    expect(text('.admin-editor__total')).toBe('概率合计 100%');

    typeAt('prizes.0.valueFen', '50000.01');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(field('prizes.0.valueFen')!.querySelector('.admin-field__error')?.textContent).toBe('单个奖品价值不得超过 50000 元（有奖销售规定）'));
    expect(text('.admin-editor__refusal')).toBe('单个奖品价值不得超过 50000 元（有奖销售规定）');
    const sent = paramsOf(calls, 'admin.saveCampaign')[0] as { campaign: { id: string; prizes: Array<{ odds: number; valueFen: number }> } };
    expect(sent.campaign.id).toBe('7');
    expect(sent.campaign.prizes.map((p) => [p.odds, p.valueFen])).toEqual([
      [150, 5_000_001],
      [2_350, 0],
      [7_500, 0],
    ]);
    // The edit stays as typed.
    expect(valueAt('prizes.0.valueFen')).toBe('50000.01');
  });

  it('a new campaign: a prize added and its kind changed, saved in basis points and fen, then listed first', async () => {
    const calls = transport((c) => campaign({ ...(c.payload as { campaign: CampaignAdminView }).campaign, id: '9', name: '周末抽奖' }));
    render(<AdminCampaignsScreen now={NOW} />);
    await waitFor(() => expect(document.querySelector('.admin-editor__item')).not.toBeNull());
    await tap(document.querySelector('.admin-editor__new')!);
    expect(text('.admin-editor__total')).toBe('概率合计 100%');
    expect(valueAt('startsAt')).toBe('2026-11-25 00:00');

    fireEvent.input(field('name')!.querySelector('input')!, { target: { value: '周末抽奖' } });
    await tap(document.querySelector('.admin-editor__add')!);
    await tap(field('prizes.2.kind')!.querySelector('[data-value="goods"]')!);
    fireEvent.input(field('prizes.2.name')!.querySelector('input')!, { target: { value: '帆布袋' } });
    typeAt('prizes.2.odds', '5');
    typeAt('prizes.2.valueFen', '39.9');
    typeAt('prizes.2.stock', '100');
    typeAt('prizes.1.odds', '75');
    expect(text('.admin-editor__total')).toBe('概率合计 100%');

    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(all('.admin-editor__name')).toEqual(['周末抽奖', '新年抽奖', '双十一抽奖']));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
    const sent = paramsOf(calls, 'admin.saveCampaign')[0] as { campaign: Record<string, unknown> & { prizes: unknown[] } };
    expect(sent.campaign).not.toHaveProperty('id');
    expect(sent.campaign).toMatchObject({ name: '周末抽奖', drawsPerDay: 1, winsPerDay: 1, winsPerCampaign: 1, pointsPerExtraDraw: null });
    expect(sent.campaign.prizes).toEqual([
      { kind: 'points', name: '10 积分', odds: 2_000, stock: null, dailyCap: null, valueFen: 0, couponTemplateId: null, points: 10, imageUrl: null },
      { kind: 'none', name: '谢谢参与', odds: 7_500, stock: null, dailyCap: null, valueFen: 0, couponTemplateId: null, points: null, imageUrl: null },
      { kind: 'goods', name: '帆布袋', odds: 500, stock: 100, dailyCap: null, valueFen: 3_990, couponTemplateId: null, points: null, imageUrl: null },
    ]);
  });

  it('a started campaign opens with its prizes locked', async () => {
    const calls = transport(() => null);
    render(<AdminCampaignsScreen now={NOW} />);
    await waitFor(() => expect(document.querySelector('.admin-editor__item[data-campaign="6"]')).not.toBeNull());
    await tap(document.querySelector('.admin-editor__item[data-campaign="6"]')!);
    expect(text('.admin-editor__locked')).toBe('活动已开始，奖品和概率不能再修改');
    expect(saveDisabled()).toBe(true);
    await tap(document.querySelector('.admin-editor__save')!);
    expect(paramsOf(calls, 'admin.saveCampaign')).toEqual([]);
    await tap(document.querySelector('.admin-editor__back')!);
    expect(all('.admin-editor__name')).toEqual(['新年抽奖', '双十一抽奖']);
  });
});
