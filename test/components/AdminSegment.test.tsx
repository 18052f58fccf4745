/**
 * 分群 (admin subpackage): a rule built by tapping — a field from the server's catalogue, an
 * operator valid for its type, a value — is previewed once the editing pauses (count, sample,
 * the rule in words; what is missing said first); a save sends the name and rule and shows the
 * computed segment; the server's 400 is shown in place. A saved segment opens with its rule in
 * the editor; 给分群发券 sends a template with a request id and follows the action to done; 重新
 * 计算 refreshes it; 成员 pages through its members.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AdminSegmentScreen, POLL_MS, PREVIEW_DELAY_MS } from '@/packages/admin/segment';
import { setTransport } from '@/services/transports';
import { action, preview, segment, tags, templates } from './admin-fixtures';
import { actionOf, fail, fakeTransport, type RecordedCall } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2026-11-24T10:00:00+08:00'));
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const text = (selector: string) => document.querySelector(selector)?.textContent;
const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);
const input = (selector: string) => document.querySelector<HTMLInputElement>(`${selector} input, input${selector}`)!;
const tap = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const pick = async (value: string) => {
  await waitFor(() => expect(document.querySelector(`.option-sheet__option[data-value="${value}"]`)).not.toBeNull());
  await tap(document.querySelector(`.option-sheet__option[data-value="${value}"]`)!);
};
const settle = async (ms: number) => {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
};
const of = (calls: RecordedCall[], name: string) => calls.filter((c) => actionOf(c) === name).map((c) => c.payload);

describe('分群编辑', () => {
  it('a new segment: pick a field, an operator and a value; the preview follows once the editing pauses; save shows the computed segment', async () => {
    const calls = fakeTransport((c) => {
      switch (actionOf(c)) {
        case 'admin.tags':
          return tags;
        case 'admin.previewSegment':
          return preview({ count: c.payload.rule && JSON.stringify(c.payload.rule).includes('"value":10') ? 7 : 3 });
        case 'admin.saveSegment':
          return segment({ id: '8', name: '爱签到', rule: (c.payload.segment as { rule: never }).rule, memberCount: 7, entered: 7, exited: 0, ruleText: '近30天签到 ≥ 10 次' });
        default:
          return null;
      }
    });
    render(<AdminSegmentScreen segmentId={null} />);
    await waitFor(() => expect(text('.admin-segment__preview')).toBe('请选择条件的字段'));
    expect(document.querySelector('.admin-segment__tabs')).toBeNull();

    await tap(document.querySelector('.rule-editor__pick--field')!);
    // The server's fields, by theme.
    expect(all('.option-sheet__group')).toEqual(['基础', '活跃', '消费', '偏好', '积分与互动', 'RFM']);
    await pick('checkins30');
    expect(text('.rule-editor__pick--field')).toBe('近30天签到');
    expect(text('.rule-editor__pick--op')).toBe('≥');
    expect(text('.admin-segment__preview')).toBe('请填写「近30天签到」的数值');

    await tap(document.querySelector('.rule-editor__pick--op')!);
    expect(all('.option-sheet__name')).toEqual(['≥', '≤', '>', '<', '=', '介于']);
    await pick('gte');
    fireEvent.input(input('.rule-editor__number--0'), { target: { value: '1' } });
    fireEvent.input(input('.rule-editor__number--0'), { target: { value: '10' } });
    expect(text('.rule-editor__unit')).toBe('次');
    // Nothing asked while typing; once it pauses, one preview for the rule as it stands.
    await settle(PREVIEW_DELAY_MS - 100);
    expect(of(calls, 'admin.previewSegment')).toEqual([]);
    await settle(200);
    await waitFor(() => expect(text('.admin-segment__preview-count')).toBe('7'));
    expect(of(calls, 'admin.previewSegment')).toEqual([{ action: 'previewSegment', rule: { all: [{ field: 'checkins30', op: 'gte', value: 10 }] } }]);
    expect(text('.admin-segment__preview-day')).toBe('按 11月24日 的数据');
    expect(all('.admin-segment__sample-member')).toEqual(['小林 · 高价值', '微信用户 · 一般']);
    expect(text('.admin-segment__sample-more')).toBe('等 7 人');

    await tap(document.querySelector('.admin-segment__save')!);
    expect(text('.admin-segment__save-error')).toBe('请填写分群名称');
    fireEvent.input(input('.admin-segment__name-input'), { target: { value: '爱签到' } });
    await tap(document.querySelector('.admin-segment__save')!);
    await waitFor(() => expect(text('.admin-segment__name')).toBe('爱签到'));
    expect(of(calls, 'admin.saveSegment')).toEqual([{ action: 'saveSegment', segment: { name: '爱签到', rule: { all: [{ field: 'checkins30', op: 'gte', value: 10 }] } } }]);
    expect(text('.admin-segment__count')).toBe('7 人');
    expect(text('.admin-segment__moves')).toBe('新进 7 · 退出 0');
    expect(text('.admin-segment__save')).toBe('保存并重新计算');

    // Saved again: the same segment, by its id.
    await tap(document.querySelector('.admin-segment__save')!);
    await waitFor(() => expect(of(calls, 'admin.saveSegment')).toHaveLength(2));
    expect(of(calls, 'admin.saveSegment')[1]).toMatchObject({ segment: { id: '8', name: '爱签到' } });
  });

  it('NOT, a tag, layers and a nested group build one rule; the server’s refusal shows in place of the preview and under 保存', async () => {
    const refusal = '请求参数有误：规则最多嵌套 4 层';
    const calls = fakeTransport((c) => {
      switch (actionOf(c)) {
        case 'admin.tags':
          return tags;
        case 'admin.previewSegment':
          return fail(400, 'INVALID_PARAMS', refusal);
        case 'admin.saveSegment':
          return fail(400, 'INVALID_PARAMS', refusal);
        default:
          return null;
      }
    });
    render(<AdminSegmentScreen segmentId={null} />);
    await waitFor(() => expect(document.querySelector('.rule-editor__pick--field')).not.toBeNull());
    // The first condition: a yes/no field, 是 by default, then 否.
    await tap(document.querySelector('.rule-editor__pick--field')!);
    await pick('hasGuide');
    expect(document.querySelector('.rule-editor__pick--op')).toBeNull();
    await tap([...document.querySelectorAll('.rule-editor__chip')].find((c) => c.textContent === '否')!);
    // A tag, negated.
    await tap(document.querySelector('.rule-editor__add--tag')!);
    await tap(document.querySelector('.rule-editor__pick--tag')!);
    await pick('rule:coupon-sensitive');
    const tagNode = document.querySelector('.rule-editor__condition--tag')!;
    await tap(tagNode.querySelector('.rule-editor__not')!);
    expect(text('.rule-editor__pick--tag')).toBe('券敏感');
    // A nested group (满足任一) with layers and an option field.
    await tap(document.querySelector('.rule-editor__add--group')!);
    const group = () => document.querySelector('.rule-editor__group--depth2')!;
    expect(group().querySelector('.rule-editor__mode--on')!.textContent).toBe('满足任一');
    await tap(group().querySelector('.rule-editor__pick--field')!);
    await pick('source');
    await tap(group().querySelector('.rule-editor__pick--op')!);
    await pick('in');
    await tap(group().querySelector('.rule-editor__pick--value')!);
    await tap(document.querySelector('.option-sheet__option[data-value="guide"]')!);
    await tap(document.querySelector('.option-sheet__option[data-value="group"]')!);
    await tap(document.querySelector('.option-sheet__confirm')!);
    expect(text('.rule-editor__group--depth2 .rule-editor__pick--value')).toBe('导购、社群');
    await tap(group().querySelector('.rule-editor__add--layer')!);
    await tap(group().querySelector('.rule-editor__pick--layer')!);
    await tap(document.querySelector('.option-sheet__option[data-value="high"]')!);
    await tap(document.querySelector('.option-sheet__option[data-value="potential"]')!);
    await tap(document.querySelector('.option-sheet__done')!);

    await settle(PREVIEW_DELAY_MS + 50);
    await waitFor(() => expect(text('.admin-segment__preview-error')).toBe(refusal));
    expect(of(calls, 'admin.previewSegment').at(-1)).toEqual({
      action: 'previewSegment',
      rule: {
        all: [
          { field: 'hasGuide', op: 'is', value: false },
          { not: { tag: 'rule:coupon-sensitive' } },
          { any: [{ field: 'source', op: 'in', value: ['guide', 'group'] }, { layer: ['high', 'potential'] }] },
        ],
      },
    });

    fireEvent.input(input('.admin-segment__name-input'), { target: { value: '测试' } });
    await tap(document.querySelector('.admin-segment__save')!);
    await waitFor(() => expect(text('.admin-segment__save-error')).toBe(refusal));

    // Taking the group away leaves the rest.
    await tap(group().querySelector('.rule-editor__group-head .rule-editor__remove')!);
    expect(document.querySelector('.rule-editor__group--depth2')).toBeNull();
    expect(document.querySelectorAll('.rule-editor__condition')).toHaveLength(2);
  });

  it('a saved segment: its rule in the editor, 给分群发券 with a request id followed to done, 重新计算, and its members', async () => {
    const navigateTo = vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
    let polls = 0;
    const calls = fakeTransport((c) => {
      switch (actionOf(c)) {
        case 'admin.segments':
          return [segment({ id: '4', name: '别的' }), segment()];
        case 'admin.tags':
          return tags;
        case 'admin.previewSegment':
          return preview({ count: 12 });
        case 'admin.couponTemplates':
          return templates;
        case 'admin.segmentIssueCoupon':
          return action();
        case 'admin.segmentAction':
          polls++;
          return polls === 1 ? action({ done: 5, applied: 5 }) : action({ status: 'done', done: 12, applied: 11, skipped: 1, finishedAt: '2026-11-24T10:00:06+08:00' });
        case 'segment.recompute':
          return { run: null, segment: segment({ memberCount: 13, entered: 1, exited: 0, computedAt: '2026-11-24T10:01:00+08:00' }) };
        case 'admin.segmentMembers':
          return c.payload.cursor
            ? { segmentId: '5', items: [{ memberId: '30', nickname: '阿花', layer: 'new', layerName: '新客', lastActiveOn: null, gmv365Fen: 0 }], nextCursor: null }
            : { segmentId: '5', items: [{ memberId: '21', nickname: '小林', layer: 'high', layerName: '高价值', lastActiveOn: '2026-11-23', gmv365Fen: 50_600 }], nextCursor: '21' };
        default:
          return null;
      }
    });
    render(<AdminSegmentScreen segmentId='5' />);
    await waitFor(() => expect(text('.admin-segment__name')).toBe('签到达人'));
    expect(text('.admin-segment__status')).toBe('已计算');
    expect(text('.admin-segment__fresh')).toBe('11-24 00:31 计算');
    await waitFor(() => expect(input('.admin-segment__name-input').value).toBe('签到达人'));
    expect(text('.rule-editor__pick--field')).toBe('近30天签到');
    expect(input('.rule-editor__number--0').value).toBe('20');
    await waitFor(() => expect(text('.rule-editor__pick--tag')).toBe('券敏感'));
    expect(document.querySelector('.rule-editor__condition--tag .rule-editor__not--on')).not.toBeNull();

    await tap(document.querySelector('.admin-segment__issue')!);
    expect(text('.admin-form__value')).toBe('分群「签到达人」的 12 人');
    await tap(document.querySelector('.admin-form__template')!);
    await pick('2');
    await tap(document.querySelector('.dialog__button--confirm')!);
    await waitFor(() => expect(text('.admin-segment__action-state')).toBe('发放中'));
    const [asked] = of(calls, 'admin.segmentIssueCoupon');
    expect(asked).toEqual({ action: 'segmentIssueCoupon', segmentId: '5', templateId: '2', requestId: expect.stringMatching(/^[\w-]{22}$/) });
    expect(text('.admin-segment__action-figures')).toBe('0/12 人 · 已发 0 · 跳过 0');
    expect(document.querySelector('.admin-segment__issue')!.hasAttribute('disabled')).toBe(true);
    await settle(POLL_MS);
    await waitFor(() => expect(text('.admin-segment__action-figures')).toBe('5/12 人 · 已发 5 · 跳过 0'));
    await settle(POLL_MS);
    await waitFor(() => expect(text('.admin-segment__action-state')).toBe('已完成'));
    expect(text('.admin-segment__action-figures')).toBe('12/12 人 · 已发 11 · 跳过 1');
    await settle(POLL_MS * 3);
    expect(of(calls, 'admin.segmentAction')).toEqual([
      { action: 'segmentAction', actionId: '77' },
      { action: 'segmentAction', actionId: '77' },
    ]);

    await tap(document.querySelector('.admin-segment__recompute')!);
    await waitFor(() => expect(text('.admin-segment__count')).toBe('13 人'));
    expect(of(calls, 'segment.recompute')).toEqual([{ action: 'recompute', segmentId: '5' }]);

    await tap(document.querySelector('.admin-segment__tab--members')!);
    await waitFor(() => expect(document.querySelectorAll('.admin-member-row')).toHaveLength(1));
    await tap(document.querySelector('.admin-list__more')!);
    await waitFor(() => expect(document.querySelectorAll('.admin-member-row')).toHaveLength(2));
    expect(of(calls, 'admin.segmentMembers')).toEqual([
      { action: 'segmentMembers', segmentId: '5' },
      { action: 'segmentMembers', segmentId: '5', cursor: '21' },
    ]);
    fireEvent.click(document.querySelector('.admin-member-row[data-member-id="30"]')!);
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/member/index?id=30' });
  });

  it('a segment that is not there says so', async () => {
    fakeTransport((c) => (actionOf(c) === 'admin.segments' ? [segment()] : tags));
    render(<AdminSegmentScreen segmentId='99' />);
    await waitFor(() => expect(text('.empty-state__text')).toBe('分群不存在或已删除'));
  });
});
