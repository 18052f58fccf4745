import { API_BASE } from './config';

/**
 * A server image path ('/catalog-images/x.svg', '/media/1') as a loadable URL: the weapp has no
 * origin of its own, so the Node server's base goes in front; H5 is same-origin (API_BASE '').
 * Absolute URLs (https://, cloud://, data:) stay as they are.
 */
export function imageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return url.startsWith('/') && !url.startsWith('//') ? `${API_BASE}${url}` : url;
}
