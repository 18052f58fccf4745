/**
 * Draws the demo brand's product, category, banner, prize and mall-item images (small SVG
 * files, a few KB each) into cloud/seed/catalog-images, which the Node server serves at
 * /catalog-images/: `tsx config/scripts/catalog-images.ts`. The output is committed, so a start
 * needs no step. A product's or a category's name is printed beneath its picture by the app, so
 * no picture draws it; only the banners, shown without a caption, carry words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PICTURES, type DemoPicture } from '../../cloud/seed/demo-catalog';
import {
  BRAND_NAME,
  DEMO_BANNERS,
  DEMO_CATEGORIES,
  DEMO_PRODUCTS,
  PALETTE,
  bannerImageFile,
  categoryImageFile,
  productImages,
  type ColorName,
  type Silhouette,
} from '../../cloud/seed/demo-products';

const CATALOG_IMAGES_DIR = path.resolve(__dirname, '../../cloud/seed/catalog-images');

const FONT = 'PingFang SC, Noto Sans CJK SC, sans-serif';

/** Outlines in a 200×200 box: filled parts, detail lines (seams, soles) and round parts. */
interface Outline {
  fill: string[];
  lines?: string[];
  dots?: Array<[number, number, number]>;
}

const OUTLINES: Record<Silhouette, Outline> = {
  dress: {
    fill: ['M78 22Q100 34 122 22L134 30L126 52L120 60Q140 120 156 178L44 178Q60 120 80 60L74 52L66 30Z'],
    lines: ['M82 66Q100 72 118 66', 'M60 150Q100 160 140 150'],
  },
  slipdress: {
    fill: ['M84 20L88 20L92 50Q100 54 108 50L112 20L116 20L120 54Q128 110 146 180L54 180Q72 110 80 54Z'],
    lines: ['M82 62Q100 68 118 62'],
  },
  tee: {
    fill: ['M70 30Q100 44 130 30L168 52L154 82L138 74L138 172L62 172L62 74L46 82L32 52Z'],
    lines: ['M86 34Q100 48 114 34'],
  },
  shirt: {
    fill: ['M72 28L128 28L166 52L150 84L136 76L138 172L62 172L64 76L50 84L34 52Z'],
    lines: ['M86 28L100 46L114 28', 'M100 46L100 168'],
    dots: [[100, 70, 2.5], [100, 100, 2.5], [100, 130, 2.5]],
  },
  knit: {
    fill: ['M70 30Q100 42 130 30L160 44L176 150L158 154L142 80L140 170L60 170L58 80L42 154L24 150L40 44Z'],
    lines: ['M62 158L138 158', 'M86 34Q100 44 114 34', 'M26 140L174 140'],
  },
  pants: {
    fill: ['M64 24L136 24L146 178L110 178L100 72L90 178L54 178Z'],
    lines: ['M64 36L136 36', 'M100 36L100 72'],
  },
  shorts: {
    fill: ['M58 50L142 50L154 134L108 140L100 90L92 140L46 134Z'],
    lines: ['M58 62L142 62'],
  },
  coat: {
    fill: ['M72 22L128 22L160 44L172 150L154 152L146 90L148 184L52 184L54 90L46 152L28 150L40 44Z'],
    lines: ['M84 22L100 70L116 22', 'M100 70L100 184', 'M54 112L146 112'],
  },
  jacket: {
    fill: ['M72 30L128 30L162 50L172 140L154 142L146 88L146 160L54 160L54 88L46 142L28 140L38 50Z'],
    lines: ['M84 30L100 44L116 30', 'M100 44L100 160', 'M54 150L146 150'],
  },
  shoe: {
    fill: ['M30 120Q34 96 60 98L110 102Q150 104 168 126Q174 140 160 142L40 142Q28 140 30 120Z'],
    lines: ['M36 136L166 136', 'M96 102L108 124'],
  },
  sneaker: {
    fill: ['M28 138L30 100Q46 92 70 96L96 84Q120 104 150 108Q174 112 174 132L174 146L28 146Z'],
    lines: ['M28 134L174 134', 'M78 96L90 110', 'M88 92L100 106', 'M98 88L110 102'],
  },
  boot: {
    fill: ['M60 30L110 30L112 112Q150 116 170 134L170 150L52 150L50 138Q58 90 60 30Z'],
    lines: ['M50 142L170 142', 'M90 52Q98 78 90 104'],
  },
  bag: {
    fill: ['M44 80L156 80L164 170L36 170Z'],
    lines: ['M70 80Q70 30 100 30Q130 30 130 80', 'M44 80L100 114L156 80'],
  },
  scarf: {
    fill: ['M56 34Q100 64 144 34L154 54Q100 96 46 54Z', 'M84 70L70 168L98 172L104 76Z', 'M110 74L122 164L148 158L128 64Z'],
    lines: ['M74 168L72 182', 'M84 170L83 184', 'M94 171L94 185', 'M126 163L128 177', 'M136 161L139 175', 'M145 159L148 172'],
  },
  hat: {
    fill: ['M62 128L70 70Q100 56 130 70L138 128Z', 'M30 130Q100 110 170 130L160 146Q100 134 40 146Z'],
    lines: ['M66 112Q100 104 134 112'],
  },
  pearls: {
    fill: ['M40 92L160 92L160 104L40 104Z'],
    dots: [[56, 98, 13], [84, 98, 13], [112, 98, 13], [140, 98, 13], [70, 140, 10], [100, 140, 10], [130, 140, 10]],
  },
  belt: {
    fill: ['M20 90L180 90L180 110L20 110Z'],
    lines: ['M40 84L64 84L64 116L40 116Z', 'M52 100L76 100'],
    dots: [[110, 100, 2.5], [124, 100, 2.5], [138, 100, 2.5]],
  },
  cup: {
    fill: ['M72 52L128 52L124 176Q100 186 76 176Z', 'M66 28Q100 20 134 28L134 52L66 52Z'],
    lines: ['M73 84L127 84', 'M75 148L125 148'],
  },
  socks: {
    fill: [
      'M50 30L86 30L86 124Q86 140 102 148L126 158Q140 166 134 180Q128 192 110 188L66 176Q50 170 50 152Z',
      'M84 18L120 18L120 112Q120 128 136 136L160 146Q174 154 168 168Q162 180 144 176L100 164Q84 158 84 140Z',
    ],
    lines: ['M50 42L86 42', 'M84 30L120 30', 'M84 40L120 40'],
  },
};

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `hex` moved towards `toward` by t (0–1). */
function mix(hex: string, toward: string, t: number): string {
  const a = rgb(hex);
  const b = rgb(toward);
  return `#${a.map((v, i) => Math.round(v + (b[i]! - v) * t).toString(16).padStart(2, '0')).join('')}`;
}

const tint = (hex: string) => mix(hex, '#ffffff', 0.82);
const shade = (hex: string) => mix(hex, '#000000', 0.45);

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The outline drawn in `hex`, or in stripes of it, inside a `<g>` placed by `transform`. */
function outline(kind: Silhouette, hex: string, transform: string, stripes = false): string {
  const o = OUTLINES[kind];
  const stroke = shade(hex);
  const fill = stripes ? 'url(#stripes)' : hex;
  const parts = [
    ...o.fill.map((d) => `<path d="${d}" fill="${fill}" stroke="${stroke}" stroke-width="2" stroke-linejoin="round"/>`),
    ...(o.lines ?? []).map((d) => `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="2" stroke-linecap="round"/>`),
    ...(o.dots ?? []).map(([cx, cy, r]) => `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${mix(hex, '#ffffff', 0.3)}" stroke="${stroke}" stroke-width="1.5"/>`),
  ];
  return `<g transform="${transform}">${parts.join('')}</g>`;
}

const stripesPattern = (hex: string) =>
  `<defs><pattern id="stripes" width="12" height="12" patternUnits="userSpaceOnUse"><rect width="12" height="12" fill="#ffffff"/><rect width="12" height="6" fill="${hex}"/></pattern></defs>`;

function svg(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">${body.join('')}</svg>\n`;
}

const text = (x: number, y: number, size: number, fill: string, content: string, extra = '') =>
  `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}" text-anchor="middle"${extra}>${escapeXml(content)}</text>`;

/** A 600×600 product image: the item in its colour, whole or a close-up of it. */
function productSvg(kind: Silhouette, color: ColorName, view: 'front' | 'detail', stripes: boolean): string {
  const hex = PALETTE[color];
  const placed = view === 'front' ? 'translate(60 60) scale(2.4)' : 'translate(-20 -150) scale(3.2)';
  return svg(600, 600, [
    stripes ? stripesPattern(hex) : '',
    `<rect width="600" height="600" fill="${tint(hex)}"/>`,
    outline(kind, hex, placed, stripes),
  ]);
}

/** A 240×240 category tile: the category's item on a round tint. */
function categorySvg(kind: Silhouette, color: ColorName): string {
  const hex = PALETTE[color];
  return svg(240, 240, [
    `<rect width="240" height="240" fill="#ffffff"/>`,
    `<circle cx="120" cy="120" r="108" fill="${tint(hex)}"/>`,
    outline(kind, hex, 'translate(30 30) scale(0.9)'),
  ]);
}

/** A 240×240 prize or mall-item picture: the goods, a coupon or a points coin, or a smile for 谢谢参与. */
function pictureSvg(picture: DemoPicture): string {
  if (picture.kind === 'goods') {
    const hex = PALETTE[picture.color];
    return svg(240, 240, [`<rect width="240" height="240" fill="${tint(hex)}"/>`, outline(picture.silhouette, hex, 'translate(20 20)')]);
  }
  if (picture.kind === 'coupon') {
    const hex = PALETTE[picture.color];
    const paper = tint(hex);
    return svg(240, 240, [
      `<rect width="240" height="240" fill="${paper}"/>`,
      `<rect x="24" y="64" width="192" height="112" rx="14" fill="${hex}"/>`,
      `<circle cx="24" cy="120" r="14" fill="${paper}"/>`,
      `<circle cx="216" cy="120" r="14" fill="${paper}"/>`,
      `<path d="M164 74L164 166" stroke="#ffffff" stroke-width="3" stroke-dasharray="8 7" opacity="0.8"/>`,
      text(96, 140, 56, '#ffffff', picture.mark, ' font-weight="bold"'),
      `<circle cx="190" cy="120" r="10" fill="#ffffff" opacity="0.8"/>`,
    ]);
  }
  if (picture.kind === 'points') {
    const hex = PALETTE[picture.color];
    const dark = shade(hex);
    return svg(240, 240, [
      `<rect width="240" height="240" fill="${tint(hex)}"/>`,
      `<circle cx="120" cy="124" r="82" fill="${dark}" opacity="0.35"/>`,
      `<circle cx="120" cy="116" r="82" fill="${hex}" stroke="${dark}" stroke-width="3"/>`,
      `<circle cx="120" cy="116" r="62" fill="none" stroke="${dark}" stroke-width="3" opacity="0.6"/>`,
      text(120, 138, 64, dark, '积', ' font-weight="bold"'),
    ]);
  }
  return svg(240, 240, [
    `<rect width="240" height="240" fill="#f4f4f4"/>`,
    `<circle cx="120" cy="120" r="76" fill="#ffffff" stroke="#c8c8c8" stroke-width="4"/>`,
    `<circle cx="94" cy="104" r="8" fill="#b0b0b0"/>`,
    `<circle cx="146" cy="104" r="8" fill="#b0b0b0"/>`,
    `<path d="M88 140Q120 168 152 140" fill="none" stroke="#b0b0b0" stroke-width="6" stroke-linecap="round"/>`,
  ]);
}

/** A 750×300 banner: title and tagline on the left, the item on the right. */
function bannerSvg(title: string, tagline: string, kind: Silhouette, color: ColorName): string {
  const hex = PALETTE[color];
  const dark = shade(hex);
  return svg(750, 300, [
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${mix(hex, '#ffffff', 0.8)}"/><stop offset="1" stop-color="${mix(hex, '#ffffff', 0.3)}"/></linearGradient></defs>`,
    `<rect width="750" height="300" fill="url(#bg)"/>`,
    `<circle cx="600" cy="150" r="120" fill="#ffffff" opacity="0.35"/>`,
    outline(kind, hex, 'translate(500 50) scale(1)'),
    `<text x="48" y="88" font-size="24" fill="${dark}">${escapeXml(BRAND_NAME)}</text>`,
    `<text x="48" y="160" font-size="48" font-weight="bold" fill="${dark}">${escapeXml(title)}</text>`,
    `<text x="48" y="218" font-size="26" fill="${dark}">${escapeXml(tagline)}</text>`,
  ]);
}

/** Every image file with its content, named as the demo data names them. */
function catalogImages(): Map<string, string> {
  const files = new Map<string, string>();
  for (const p of DEMO_PRODUCTS) {
    for (const image of productImages(p)) files.set(image.file, productSvg(p.silhouette, image.color, image.view, p.stripes ?? false));
  }
  for (const c of DEMO_CATEGORIES) files.set(categoryImageFile(c), categorySvg(c.silhouette, c.color));
  for (const b of DEMO_BANNERS) files.set(bannerImageFile(b), bannerSvg(b.title, b.tagline, b.silhouette, b.color));
  for (const picture of Object.values(DEMO_PICTURES)) files.set(picture.file, pictureSvg(picture));
  return files;
}

function writeCatalogImages(dir = CATALOG_IMAGES_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const old of fs.readdirSync(dir)) if (old.endsWith('.svg')) fs.rmSync(path.join(dir, old));
  let bytes = 0;
  const files = catalogImages();
  for (const [file, content] of files) {
    fs.writeFileSync(path.join(dir, file), content);
    bytes += Buffer.byteLength(content);
  }
  console.log(`${files.size} images, ${(bytes / 1024).toFixed(0)} KB → ${path.relative(process.cwd(), dir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) writeCatalogImages();
