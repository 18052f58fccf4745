import { View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './index.css';

/**
 * The modules of a QR code as dark runs per row: [[start, length], …] for each row.
 * Pure JS (qrcode-generator), no canvas, so it renders the same in weapp and H5.
 */
export function qrRuns(text: string): { size: number; rows: Array<Array<[number, number]>> } {
  const qr = qrcode(0, 'M');
  qr.addData(text, /^[0-9A-Z $%*+\-./:]*$/.test(text) ? 'Alphanumeric' : 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const rows: Array<Array<[number, number]>> = [];
  for (let r = 0; r < size; r++) {
    const runs: Array<[number, number]> = [];
    let c = 0;
    while (c < size) {
      if (!qr.isDark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < size && qr.isDark(r, c)) c++;
      runs.push([start, c - start]);
    }
    rows.push(runs);
  }
  return { size, rows };
}

const pct = (n: number, size: number) => `${((n / size) * 100).toFixed(4)}%`;

/**
 * A QR code drawn with Views: one View per row and one per run of dark modules (a few hundred
 * nodes for a coupon code, well under WeChat's node limit), with the quiet zone around it.
 */
export default function CouponQr({ text, label }: { text: string; label?: string }) {
  const { size, rows } = useMemo(() => qrRuns(text), [text]);
  return (
    <View className='coupon-qr' role='img' aria-label={label ?? `二维码 ${text}`} data-modules={size}>
      <View className='coupon-qr__grid'>
        {rows.map((runs, r) => (
          <View key={r} className='coupon-qr__row' style={{ height: pct(1, size), top: pct(r, size) }}>
            {runs.map(([start, len]) => (
              <View key={start} className='coupon-qr__dark' style={{ left: pct(start, size), width: pct(len, size) }} />
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}
