/**
 * The code on a share poster. In production a mini-program code from wxacode.getUnlimited whose
 * scene is the share id; locally a QR code of the H5 link that opens the same share.
 */
import qrcode from 'qrcode-generator';

export interface ShareCodeImage {
  imageDataUrl: string;
  kind: 'wxacode' | 'qr';
}

export interface ShareCodeMaker {
  /** A code that opens `page` with the share id as its scene. */
  make(shareId: string, page: string): Promise<ShareCodeImage>;
}

/** QR codes of `${publicUrl}/#/<page>?share=<id>` (the H5 build's hash router). */
export function localShareCodes(publicUrl: string): ShareCodeMaker {
  return {
    async make(shareId, page) {
      const qr = qrcode(0, 'M');
      qr.addData(`${publicUrl.replace(/\/$/, '')}/#/${page}?share=${shareId}`);
      qr.make();
      return { imageDataUrl: qr.createDataURL(6, 12), kind: 'qr' };
    },
  };
}
