/**
 * Draws the tab-bar icons (81×81 PNG, a few hundred bytes each) into src/assets/tabbar:
 * `tsx config/scripts/tab-icons.ts`. Shapes are signed distances, 4× supersampled.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 81;
const SS = 4;

type Shape = (x: number, y: number) => boolean;

const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const ring = (cx: number, cy: number, r: number, w: number): Shape => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
const segment = (ax: number, ay: number, bx: number, by: number, w: number): Shape => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w / 2;
};
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** A house: a roof outline over walls with a door. */
const home: Shape = union(
  segment(12, 40, 40.5, 14, 5),
  segment(40.5, 14, 69, 40, 5),
  minus(rect(20, 36, 61, 68), rect(25, 41, 56, 63)),
  rect(35, 48, 46, 68),
);

/** A calendar page with a tick. */
const checkin: Shape = union(
  minus(rect(14, 18, 67, 68), rect(19, 32, 62, 63)),
  rect(24, 10, 29, 24),
  rect(52, 10, 57, 24),
  segment(28, 47, 37, 56, 5),
  segment(37, 56, 54, 39, 5),
);

/** A head and shoulders. */
const mine: Shape = union(
  ring(40.5, 28, 12, 5),
  minus(ring(40.5, 72, 27, 5), (_x, y) => y > 70),
);

/** 运营: a chart — three bars of rising height on a baseline. */
const ops: Shape = union(
  rect(12, 64, 69, 69),
  minus(rect(17, 44, 30, 64), rect(22, 49, 25, 64)),
  minus(rect(34, 30, 47, 64), rect(39, 35, 42, 64)),
  minus(rect(51, 14, 64, 64), rect(56, 19, 59, 64)),
);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (shape(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS)) hits++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GREY: [number, number, number] = [0x99, 0x99, 0x99];
const BRAND: [number, number, number] = [0xe8, 0x53, 0x2b];
const out = path.resolve(__dirname, '../../src/assets/tabbar');
fs.mkdirSync(out, { recursive: true });
for (const [name, shape] of [
  ['home', home],
  ['checkin', checkin],
  ['mine', mine],
  ['ops', ops],
] as const) {
  for (const [suffix, color] of [
    ['', GREY],
    ['-active', BRAND],
  ] as const) {
    const file = path.join(out, `${name}${suffix}.png`);
    const data = png(shape, color);
    fs.writeFileSync(file, data);
    console.log(`${path.relative(process.cwd(), file)}  ${data.length} B`);
  }
}
