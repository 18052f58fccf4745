/**
 * 导购内容 (admin subpackage): the 话术库 with copy counts; a plan post whose copy names an unknown
 * variable refused at its field; the 朋友圈 week's mix with the days outside 1–3 posts, and a post
 * added for the first empty day.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MomentsAdminWeek, PlanPostAdminView, ScriptAdminView } from '@cloud/contract';
import { AdminContentScreen } from '@/packages/admin/content';
import { setTransport } from '@/services/transports';
import { ok } from './fake-transport';
import { all, answering, errorAt, field, paramsOf, refusal, tap, text, typeAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const typeText = (path: string, value: string) => fireEvent.input(field(path)!.querySelector('textarea')!, { target: { value } });

const script: ScriptAdminView = { id: '1', category: 'product', categoryName: '产品', question: '偏码吗？', answer: '标准码', position: 0, active: true, copies: 14 };
const post: PlanPostAdminView = { id: '3', repeat: 'daily', atTime: '22:00', title: '夜市开场', body: '今晚{今晚品类}专场', card: 'night_market', cardRefId: null, cardRefName: null, active: true };
const days = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'];
const week: MomentsAdminWeek = {
  days: days.map((day, i) => ({
    day,
    weekday: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'][i]!,
    posts:
      i === 0
        ? [{ id: '9', day, kind: 'seeding', kindName: '种草', body: '短靴到货', images: ['/catalog-images/boot.svg'], productId: null, productName: null, position: 0, active: true, postedBy: 2 }]
        : [],
    warning: i === 0 ? null : 'none',
  })),
  mix: [
    { kind: 'persona', name: 'IP 人设', count: 0 },
    { kind: 'seeding', name: '种草', count: 1 },
    { kind: 'brand', name: '品牌', count: 0 },
    { kind: 'welfare', name: '福利', count: 0 },
  ],
};

describe('导购内容', () => {
  it('lists the scripts with how often guides copied them', async () => {
    answering({ 'admin.scripts': [script] });
    render(<AdminContentScreen />);
    await waitFor(() => expect(all('.admin-content__script .admin-editor__name')).toEqual(['偏码吗？']));
    expect(text('.admin-content__script .admin-editor__figures')).toBe('已被复制 14 次');
  });

  it('shows the server refusing an unknown {variable} at the copy', async () => {
    const message = '没有变量 {品类}，可用：{今晚品类} {会员日} {会员日折扣} {日期}';
    const calls = answering({ 'admin.groupPlanPosts': [post], 'admin.saveGroupPlanPost': () => refusal('INVALID_PARAMS', [{ path: 'post.body', message }]) });
    render(<AdminContentScreen initialTab='plan' />);
    await waitFor(() => expect(all('.admin-content__plan .admin-editor__name')).toEqual(['22:00 夜市开场']));
    await tap(document.querySelector('.admin-editor__new')!);
    await waitFor(() => expect(field('body')?.querySelector('textarea')).toBeTruthy());
    typeAt('title', '早安');
    typeText('body', '今晚{品类}');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(errorAt('body')).toBe(message));
    expect(paramsOf(calls, 'admin.saveGroupPlanPost')).toEqual([
      { action: 'saveGroupPlanPost', post: { repeat: 'daily', atTime: '10:00', title: '早安', body: '今晚{品类}', card: 'none', cardRefId: null, active: true } },
    ]);
  });

  it("shows the week's mix and its empty days, and adds a post for the first empty day", async () => {
    const calls = answering({
      'admin.momentsWeek': week,
      'admin.products': { items: [], nextCursor: null },
      // A post has a body: the answer is an envelope of its own.
      'admin.saveMomentsPost': (c: { payload: { post: object } }) => ok({ ...c.payload.post, id: '10', kindName: '福利', productName: null, postedBy: 0 }),
    });
    render(<AdminContentScreen initialTab='moments' />);
    await waitFor(() => expect(all('.admin-content__mix-kind')).toEqual(['0IP 人设', '1种草', '0品牌', '0福利']));
    expect(all('.admin-content__warning')).toHaveLength(6);
    expect(text('.admin-content__warning[data-day="2026-12-08"]')).toBe('12月8日周二：这天还没有内容');
    await tap(document.querySelector('.admin-editor__new')!);
    await waitFor(() => expect(field('images')?.querySelector('textarea')).toBeTruthy());
    await tap(field('kind')!.querySelector('[data-value="welfare"]')!);
    typeText('body', '周末到店送小样');
    typeText('images', '/catalog-images/a.svg\n/catalog-images/b.svg\n');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(paramsOf(calls, 'admin.momentsWeek')).toHaveLength(2));
    expect(paramsOf(calls, 'admin.saveMomentsPost')).toEqual([
      {
        action: 'saveMomentsPost',
        post: { day: '2026-12-08', kind: 'welfare', body: '周末到店送小样', images: ['/catalog-images/a.svg', '/catalog-images/b.svg'], productId: null, position: 0, active: true },
      },
    ]);
  });
});
