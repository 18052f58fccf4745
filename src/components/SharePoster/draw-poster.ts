/**
 * The share poster's layout, drawn on a 2D canvas context: the browser's and the weapp's
 * `type="2d"` canvas speak the same API, so one drawing serves both.
 */

export const POSTER_WIDTH = 600;
export const POSTER_HEIGHT = 880;

/** What drawImage needs of an image on both platforms. */
export interface PosterImage {
  width: number;
  height: number;
}

export interface PosterContext {
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  drawImage(image: PosterImage, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void;
}

export interface PosterContent {
  name: string;
  priceText: string;
  /** The product image; null when it could not be loaded (a plain block instead). */
  productImage: PosterImage | null;
  codeImage: PosterImage;
}

const BRAND = '#e8532b';
const PAD = 32;
const IMAGE_SIZE = POSTER_WIDTH;
const CODE_SIZE = 150;

/** Draws `image` to fill the box, cropping the longer side (like mode="aspectFill"). */
function cover(ctx: PosterContext, image: PosterImage, x: number, y: number, w: number, h: number) {
  const iw = image.width || w;
  const ih = image.height || h;
  const scale = Math.max(w / iw, h / ih);
  const sw = w / scale;
  const sh = h / scale;
  ctx.drawImage(image, (iw - sw) / 2, (ih - sh) / 2, sw, sh, x, y, w, h);
}

/** Splits text into at most `maxLines` lines that fit `width`, ending in … when cut. */
export function wrapText(ctx: Pick<PosterContext, 'measureText'>, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line);
      line = ch;
      if (lines.length === maxLines) break;
    } else line += ch;
  }
  if (lines.length < maxLines && line) lines.push(line);
  const used = [...lines.join('')].length;
  if (used < [...text].length && lines.length === maxLines) {
    let last = lines[maxLines - 1]!;
    while (last && ctx.measureText(`${last}…`).width > width) last = last.slice(0, -1);
    lines[maxLines - 1] = `${last}…`;
  }
  return lines;
}

export function drawPoster(ctx: PosterContext, content: PosterContent) {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  if (content.productImage) cover(ctx, content.productImage, 0, 0, IMAGE_SIZE, IMAGE_SIZE);
  else {
    ctx.fillStyle = '#f0eeeb';
    ctx.fillRect(0, 0, IMAGE_SIZE, IMAGE_SIZE);
  }

  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = '#222222';
  ctx.font = 'bold 32px sans-serif';
  const textWidth = POSTER_WIDTH - PAD * 3 - CODE_SIZE;
  wrapText(ctx, content.name, textWidth, 2).forEach((line, i) => ctx.fillText(line, PAD, IMAGE_SIZE + 40 + i * 44));

  ctx.fillStyle = BRAND;
  ctx.font = 'bold 48px sans-serif';
  ctx.fillText(content.priceText, PAD, IMAGE_SIZE + 150);

  ctx.fillStyle = '#999999';
  ctx.font = '22px sans-serif';
  ctx.fillText('长按识别二维码，查看商品详情', PAD, POSTER_HEIGHT - 70);

  const codeX = POSTER_WIDTH - PAD - CODE_SIZE;
  const codeY = IMAGE_SIZE + 36;
  ctx.drawImage(content.codeImage, 0, 0, content.codeImage.width || CODE_SIZE, content.codeImage.height || CODE_SIZE, codeX, codeY, CODE_SIZE, CODE_SIZE);
  ctx.textAlign = 'center';
  ctx.fillText('扫码购买', codeX + CODE_SIZE / 2, codeY + CODE_SIZE + 16);
}
