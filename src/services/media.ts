/**
 * Image upload (an avatar, an after-sales photo). Node server: `POST /api/media/<kind>` with the
 * raw image as the body (image/jpeg|png|webp, ≤ 200 KB) → { url: '/media/<id>' }. weapp with a
 * cloud environment: wx.cloud.uploadFile, and the fileID (cloud://…) is the URL.
 */
import Taro from '@tarojs/taro';
import type { Envelope } from '@cloud/contract';
import { withSession } from './api';
import { API_BASE, CLOUD_ENV } from './config';
import { devClockHeaders } from './dev-clock';
import { ApiError } from './errors';

export const IMAGE_MAX_BYTES = 200 * 1024;
/** What an upload is for (the server's media kinds). */
export type ImageKind = 'avatar' | 'photo';
const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

interface WxCloudUpload {
  uploadFile(options: { cloudPath: string; filePath: string }): Promise<{ fileID: string }>;
}
declare const wx: { cloud?: WxCloudUpload };

function contentTypeOf(path: string): string {
  const ext = /\.([a-z0-9]+)(?:\?.*)?$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'image/jpeg';
}

function checkEnvelope(status: number, body: unknown): string {
  const env = body as Envelope<{ url: string }> | null;
  if (!env || typeof env !== 'object' || typeof env.ok !== 'boolean') throw new ApiError('BAD_RESPONSE', undefined, status);
  if (!env.ok) throw new ApiError(env.error.code, env.error.message, status);
  return env.data.url;
}

/** POSTs raw bytes with the session, signing in again once after a 401. */
async function postRaw(send: (token: string) => Promise<{ status: number; body: unknown }>): Promise<string> {
  const reply = await withSession(send);
  return checkEnvelope(reply.status, reply.body);
}

/** weapp: a temp file (chooseAvatar, chooseMedia) → an image URL the server accepts. */
export async function uploadImageFile(filePath: string, kind: ImageKind): Promise<string> {
  if (CLOUD_ENV) {
    if (typeof wx === 'undefined' || !wx.cloud) throw new ApiError('NETWORK', '当前微信版本不支持云开发，请升级微信');
    const ext = contentTypeOf(filePath).split('/')[1];
    try {
      const { fileID } = await wx.cloud.uploadFile({
        cloudPath: `${kind}s/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`,
        filePath,
      });
      return fileID;
    } catch {
      throw new ApiError('NETWORK', '图片上传失败，请重试');
    }
  }
  let path = filePath;
  const size = await fileSize(path);
  if (size > IMAGE_MAX_BYTES) {
    try {
      path = (await Taro.compressImage({ src: path, quality: 60 })).tempFilePath;
    } catch {
      // fall through to the size check
    }
    if ((await fileSize(path)) > IMAGE_MAX_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', '图片太大，请换一张（不超过 200 KB）');
  }
  const bytes = await readBytes(path);
  const contentType = contentTypeOf(path);
  return postRaw(async (token) => {
    try {
      const res = await Taro.request({
        url: `${API_BASE}/api/media/${kind}`,
        method: 'POST',
        data: bytes as unknown as Record<string, unknown>,
        header: { 'content-type': contentType, Authorization: `Bearer ${token}` },
        dataType: 'json',
        timeout: 20000,
      });
      const body = typeof res.data === 'string' ? safeJson(res.data) : res.data;
      return { status: res.statusCode, body };
    } catch {
      throw new ApiError('NETWORK');
    }
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath,
      success: (res) => resolve(res.size),
      fail: () => resolve(0),
    });
  });
}

function readBytes(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: () => reject(new ApiError('NETWORK', '读取图片失败，请重试')),
    });
  });
}

/** H5: a picked File, shrunk to a small JPEG when it is over the limit or not a supported type. */
export async function uploadImageBlob(file: Blob, kind: ImageKind): Promise<string> {
  let body: Blob = file;
  if (file.size > IMAGE_MAX_BYTES || !Object.values(TYPES).includes(file.type)) body = await shrink(file);
  if (body.size > IMAGE_MAX_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', '图片太大，请换一张（不超过 200 KB）');
  return postRaw(async (token) => {
    let res: Response;
    try {
      res = await fetch(`${API_BASE}/api/media/${kind}`, {
        method: 'POST',
        body,
        headers: { 'content-type': body.type || 'image/jpeg', Authorization: `Bearer ${token}`, ...devClockHeaders() },
      });
    } catch {
      throw new ApiError('NETWORK');
    }
    return { status: res.status, body: safeJson(await res.text()) };
  });
}

/** H5: draws the image at most 400 px wide/high and encodes it as JPEG. */
async function shrink(file: Blob): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image();
      el.onload = () => resolve(el);
      el.onerror = () => reject(new ApiError('UNSUPPORTED_MEDIA', '仅支持 JPG、PNG 或 WebP 图片'));
      el.src = url;
    });
    const scale = Math.min(1, 400 / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) throw new ApiError('UNSUPPORTED_MEDIA', '仅支持 JPG、PNG 或 WebP 图片');
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}


/** The avatar (chooseAvatar in weapp, a file picker in H5). */
export const uploadAvatarFile = (filePath: string) => uploadImageFile(filePath, 'avatar');
export const uploadAvatarBlob = (file: Blob) => uploadImageBlob(file, 'avatar');
