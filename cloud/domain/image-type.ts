/**
 * What an uploaded image really is, by its first bytes (magic numbers), whatever type the
 * upload declared: only JPEG, PNG and WebP are kept, and they are served as what they are.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const startsWith = (bytes: Uint8Array, offset: number, magic: readonly number[]) =>
  bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** WebP: a RIFF container ("RIFF", four size bytes) whose form type is "WEBP". */
const RIFF = [0x52, 0x49, 0x46, 0x46];
const WEBP = [0x57, 0x45, 0x42, 0x50];

export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, 0, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, 0, PNG)) return 'image/png';
  if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) return 'image/webp';
  return null;
}
