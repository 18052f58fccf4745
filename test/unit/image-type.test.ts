import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageTypeOf } from '@cloud/domain/image-type';

const bytes = (...parts: Array<number[] | string>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('what an upload really is, by its first bytes', () => {
  it.each([
    ['a JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['a JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif'), 'image/jpeg'],
    ['a PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'image/png'],
    ['a WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['a GIF', bytes('GIF89a'), null],
    ['an SVG (script can hide in it)', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), null],
    ['HTML', bytes('<html><script>alert(1)</script>'), null],
    ['a WAV (RIFF, not WebP)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), null],
    ['a PNG signature cut short', bytes([0x89], 'PNG', [0x0d, 0x0a]), null],
    ['two bytes of JPEG', bytes([0xff, 0xd8]), null],
    ['nothing', bytes(), null],
  ])('%s → %s', (_name, input, expected) => {
    expect(imageTypeOf(input)).toBe(expected);
  });

  it('whatever follows a signature, the signature decides', () => {
    const signatures = [
      [bytes([0xff, 0xd8, 0xff]), 'image/jpeg'],
      [bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 64 }), ([signature, type], rest) => {
        expect(imageTypeOf(Uint8Array.from([...signature, ...rest]))).toBe(type);
      }),
    );
  });

  it('bytes that start with no signature are no image', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        fc.pre(input[0] !== 0xff && input[0] !== 0x89 && input[0] !== 0x52);
        expect(imageTypeOf(input)).toBeNull();
      }),
    );
  });
});
