import { Button, Canvas, Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '@/services/api';
import { IS_WEAPP } from '@/services/config';
import { ApiError, messageOf } from '@/services/errors';
import { imageUrl } from '@/services/image-url';
import { flag } from '@/utils/flag';
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type PosterContext, type PosterImage } from './draw-poster';
import './index.css';

export interface SharePosterProps {
  shareId: string;
  name: string;
  imageUrl: string | null;
  /** '¥199' or '秒杀价 ¥99': what the poster says the product costs. */
  priceText: string;
  onClose(): void;
}

const CANVAS_ID = 'share-poster-canvas';
const drawFailed = () => new ApiError('BAD_RESPONSE', '海报生成失败，请重试');

/** H5: an <img> for the canvas; same-origin images keep the canvas exportable. */
function loadBrowserImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new window.Image();
    if (!src.startsWith('data:')) img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => reject(drawFailed());
    img.src = src;
  });
}

async function drawInBrowser(content: { name: string; priceText: string; productSrc: string | null; codeSrc: string }): Promise<string> {
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_WIDTH * scale;
  canvas.height = POSTER_HEIGHT * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ApiError('BAD_RESPONSE', '当前浏览器无法生成海报');
  ctx.scale(scale, scale);
  const [productImage, codeImage] = await Promise.all([
    content.productSrc ? loadBrowserImage(content.productSrc).catch(() => null) : Promise.resolve(null),
    loadBrowserImage(content.codeSrc),
  ]);
  drawPoster(ctx as unknown as PosterContext, { name: content.name, priceText: content.priceText, productImage, codeImage });
  return canvas.toDataURL('image/png');
}

/** The weapp's `type="2d"` canvas node (it exists only once the page has rendered it). */
interface WeappCanvas extends PosterImage {
  getContext(kind: '2d'): (PosterContext & { scale(x: number, y: number): void }) | null;
  createImage(): PosterImage & { src: string; onload: (() => void) | null; onerror: (() => void) | null };
}

async function canvasNode(): Promise<WeappCanvas> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const node = await new Promise<WeappCanvas | null>((resolve) => {
      Taro.createSelectorQuery()
        .select(`#${CANVAS_ID}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: WeappCanvas } | null>) => resolve(res[0]?.node ?? null));
    });
    if (node) return node;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw drawFailed();
}

function loadCanvasImage(canvas: WeappCanvas, src: string): Promise<PosterImage> {
  return new Promise((resolve, reject) => {
    const img = canvas.createImage();
    img.onload = () => resolve(img);
    img.onerror = () => reject(drawFailed());
    img.src = src;
  });
}

/** The code's data URL as a file the weapp canvas can load. */
function codeFile(shareId: string, dataUrl: string): string {
  const match = /^data:image\/(\w+);base64,(.+)$/.exec(dataUrl);
  if (!match) throw drawFailed();
  const path = `${Taro.env.USER_DATA_PATH}/share-code-${shareId}.${match[1]}`;
  Taro.getFileSystemManager().writeFileSync(path, match[2]!, 'base64');
  return path;
}

async function drawInWeapp(shareId: string, content: { name: string; priceText: string; productSrc: string | null; codeSrc: string }): Promise<string> {
  const canvas = await canvasNode();
  const ratio = Math.min(Taro.getWindowInfo().pixelRatio || 2, 3);
  canvas.width = POSTER_WIDTH * ratio;
  canvas.height = POSTER_HEIGHT * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw drawFailed();
  ctx.scale(ratio, ratio);
  const productPath = content.productSrc
    ? await Taro.getImageInfo({ src: content.productSrc }).then((info) => info.path, () => null)
    : null;
  const [productImage, codeImage] = await Promise.all([
    productPath ? loadCanvasImage(canvas, productPath).catch(() => null) : Promise.resolve(null),
    loadCanvasImage(canvas, codeFile(shareId, content.codeSrc)),
  ]);
  drawPoster(ctx, { name: content.name, priceText: content.priceText, productImage, codeImage });
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas });
  return tempFilePath;
}

async function saveToAlbum(filePath: string) {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    void Taro.showToast({ title: '已保存到相册', icon: 'success', duration: 1500 });
  } catch (err) {
    const msg = (err as { errMsg?: string } | null)?.errMsg ?? '';
    if (msg.includes('cancel')) return;
    if (msg.includes('auth') || msg.includes('authorize')) {
      const { confirm } = await Taro.showModal({ title: '需要相册权限', content: '请在设置中允许保存到相册', confirmText: '去设置' });
      if (confirm) void Taro.openSetting();
      return;
    }
    void Taro.showToast({ title: '保存失败，请重试', icon: 'none', duration: 2000 });
  }
}

const WEAPP_ONLY_CATCH_MOVE = IS_WEAPP ? { catchMove: true } : {};
/** weapp: long-press the poster to send or save it (the browser's own long-press does that in H5). */
const WEAPP_ONLY_LONG_PRESS = IS_WEAPP ? { showMenuByLongpress: true } : {};

/**
 * 生成海报: the product image, name and price with the share's code (share.code), drawn on a
 * canvas; the weapp saves it to the album, the browser shows it to long-press or save.
 */
export default function SharePoster({ shareId, name, imageUrl: productImageUrl, priceText, onClose }: SharePosterProps) {
  const [poster, setPoster] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const draw = useCallback(async () => {
    setError(null);
    setPoster(null);
    try {
      const code = await call('share', 'code', { shareId });
      const content = { name, priceText, productSrc: imageUrl(productImageUrl), codeSrc: code.imageDataUrl };
      const src = IS_WEAPP ? await drawInWeapp(shareId, content) : await drawInBrowser(content);
      if (live.current) setPoster(src);
    } catch (err) {
      if (live.current) setError(messageOf(err));
    }
  }, [shareId, name, priceText, productImageUrl]);

  useEffect(() => {
    void draw();
  }, [draw]);

  return (
    <View className='share-poster' {...WEAPP_ONLY_CATCH_MOVE}>
      <View className='share-poster__panel' role='dialog' aria-label='分享海报'>
        {IS_WEAPP && <Canvas type='2d' id={CANVAS_ID} className='share-poster__canvas' />}
        {poster ? (
          <Image className='share-poster__image' src={poster} mode='aspectFit' {...WEAPP_ONLY_LONG_PRESS} />
        ) : (
          <View className='share-poster__msg' onClick={() => error && void draw()}>
            {error ? `${error}，点击重试` : '海报生成中…'}
          </View>
        )}
        {poster && <View className='share-poster__hint'>{IS_WEAPP ? '保存到相册后分享到朋友圈或群聊' : '长按图片保存（电脑上右键“图片另存为”）'}</View>}
        <View className='share-poster__actions'>
          <Button className='share-poster__button share-poster__button--close' onClick={onClose}>
            关闭
          </Button>
          {IS_WEAPP && (
            <Button className='share-poster__button share-poster__button--save' disabled={flag(!poster)} onClick={() => poster && void saveToAlbum(poster)}>
              保存到相册
            </Button>
          )}
        </View>
      </View>
    </View>
  );
}
