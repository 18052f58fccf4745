/** An export's file name, its Content-Disposition (RFC 6266 / 5987) and its columns' cells. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { EXPORT_KINDS, columnsOf, memberColumns, orderColumns, vocabularyOf, yuan, type MemberExportRow, type OrderExportRow } from '@cloud/domain/export-columns';
import { contentDisposition, exportFileName, fileNamePart, rfc5987 } from '@cloud/domain/export-filename';

describe('export file names', () => {
  it('names the kind, the segment and the day in Chinese', () => {
    expect(exportFileName('members', '2026-12-07')).toBe('会员_2026-12-07.xlsx');
    expect(exportFileName('orders', '2026-12-07')).toBe('订单_2026-12-07.xlsx');
    expect(exportFileName('points', '2026-12-07')).toBe('积分流水_2026-12-07.xlsx');
    expect(exportFileName('members', '2026-12-07', '高价值女装')).toBe('会员_高价值女装_2026-12-07.xlsx');
  });

  it("keeps a segment's name from breaking out of the file name", () => {
    expect(fileNamePart('../../etc/passwd')).toBe('.. etc passwd');
    expect(fileNamePart('a\\b:c*d?e"f<g>h|i')).toBe('a b c d e f g h i');
    expect(fileNamePart('\u0000换行\n名字\t')).toBe('换行 名字');
    expect(fileNamePart('...隐藏')).toBe('隐藏');
    expect([...fileNamePart('长'.repeat(50))]).toHaveLength(30);
    expect(exportFileName('members', '2026-12-07', '///')).toBe('会员_2026-12-07.xlsx');
  });

  it('carries the Chinese name in filename* (RFC 5987) beside an ASCII fallback', () => {
    expect(contentDisposition('会员_2026-12-07.xlsx', 'members')).toBe(
      `attachment; filename="members_2026-12-07.xlsx"; filename*=UTF-8''%E4%BC%9A%E5%91%98_2026-12-07.xlsx`,
    );
    expect(contentDisposition('会员_春季(新)_2026-12-07.xlsx', 'members')).toContain(`filename*=UTF-8''%E4%BC%9A%E5%91%98_%E6%98%A5%E5%AD%A3%28%E6%96%B0%29_2026-12-07.xlsx`);
    // attr-char only: no quote, parenthesis, star or space left unencoded.
    expect(rfc5987(`it's (a) *test* 1`)).toBe(`UTF-8''it%27s%20%28a%29%20%2Atest%2A%201`);
    expect(decodeURIComponent(rfc5987('积分流水_2026-12-07.xlsx').slice("UTF-8''".length))).toBe('积分流水_2026-12-07.xlsx');
  });
});

describe('export columns', () => {
  const vocabulary = vocabularyOf(DEFAULT_BRAND_SETTINGS);

  it('every kind has distinct Chinese headers', () => {
    for (const kind of EXPORT_KINDS) {
      const headers = columnsOf(kind, vocabulary).map((c) => c.header);
      expect(new Set(headers).size).toBe(headers.length);
      for (const header of headers) expect(header).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('writes a member in words: tier by the brand’s name, source, layer, guide by name or id', () => {
    const row: MemberExportRow = {
      id: '12',
      nickname: null,
      role: 'guide',
      tier: 'diamond',
      points_balance: 30,
      joined_at: '2026-01-02 03:04',
      source: null,
      guide_id: '7',
      guide_nickname: null,
      layer: 'at_risk',
      last_active_on: null,
      orders_365: 0,
      gmv_365_fen: '123456789',
      tags: null,
    };
    const cells = memberColumns(vocabulary).map((c) => c.cell(row));
    expect(cells).toEqual(['12', null, '导购', '钻石会员', 30, '2026-01-02 03:04', '直接进入', '#7', '流失预警', null, null, 0, 1234567.89]);
  });

  it('writes an order’s money in yuan and its flags as 是 / 否', () => {
    const order = { unit_price_fen: 29_905, total_fen: 1, member_day: true, night_market: false, status: 'refunding', group_id: 'G1', group_name: null } as OrderExportRow;
    const byHeader = Object.fromEntries(orderColumns().map((c) => [c.header, c.cell(order)]));
    expect(byHeader).toMatchObject({ '单价(元)': 299.05, '实付(元)': 0.01, 状态: '退款中', 会员日: '是', 夜市: '否', 来自群: '未命名群' });
    expect(yuan(null)).toBeNull();
  });
});
