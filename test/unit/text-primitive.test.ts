import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { text } from '@cloud/contract/primitives';

const line = text({ max: 20 });
const lines = text({ max: 200, multiline: true });

describe('the free-text primitive', () => {
  it.each([
    ['plain Chinese', '森屿徐汇店', true, true],
    ['emoji and punctuation', '小明🎉（VIP）', true, true],
    ['trimmed spaces', '  小明  ', true, true],
    ['NUL', '小\u0000明', false, false],
    ['a line break', '第一行\n第二行', false, true],
    ['a carriage return', '第一行\r\n第二行', false, false],
    ['a tab', '颜色\t尺码', false, true],
    ['an escape', '\u001b[31m红', false, false],
    ['DEL', '小\u007f明', false, false],
    ['a bell', '叮\u0007', false, false],
  ])('%s: one line %s, multi-line %s', (_name, value, oneLine, multiLine) => {
    expect(line.safeParse(value).success).toBe(oneLine);
    expect(lines.safeParse(value).success).toBe(multiLine);
  });

  it('trims before it measures, and refuses what is empty after trimming', () => {
    expect(line.parse('  小明 ')).toBe('小明');
    expect(line.safeParse('   ').success).toBe(false);
    expect(text({ max: 5, min: 0 }).parse('')).toBe('');
  });

  it('refuses every C0 control character anywhere in one-line text', () => {
    const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
    const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s) && s.trim() === s && s.length > 0);
    fc.assert(
      fc.property(word, control, word, (before, c, after) => {
        expect(line.safeParse(before + c + after).success).toBe(false);
      }),
    );
  });
});
