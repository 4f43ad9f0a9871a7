import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { create } from 'qrcode';
import { useMemo } from 'react';

/** One row of the matrix as runs of dark / light modules (far fewer views than one per module). */
type Run = { dark: boolean; length: number };

function rowsOf(text: string): { size: number; rows: Run[][] } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const rows: Run[][] = [];
  for (let y = 0; y < modules.size; y++) {
    const runs: Run[] = [];
    for (let x = 0; x < modules.size; x++) {
      const dark = modules.get(x, y) === 1;
      const last = runs[runs.length - 1];
      if (last && last.dark === dark) last.length += 1;
      else runs.push({ dark, length: 1 });
    }
    rows.push(runs);
  }
  return { size: modules.size, rows };
}

/**
 * A QR code drawn as a grid of views (no image service, no canvas): `text` encoded with the
 * `qrcode` package's matrix, `width` design px wide including the 4-module quiet zone.
 */
export function QrGrid({ text, width = 440 }: { text: string; width?: number }) {
  const { size, rows } = useMemo(() => rowsOf(text), [text]);
  const cell = Math.floor(width / (size + 8));
  const px = (n: number) => Taro.pxTransform(n);
  return (
    <View className="qr-grid" style={{ padding: px(cell * 4), backgroundColor: '#ffffff', alignSelf: 'center' }} data-qr={text}>
      {rows.map((runs, y) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions of a fixed matrix
        <View key={y} style={{ display: 'flex', flexDirection: 'row', height: px(cell) }}>
          {runs.map((r, i) => (
            <View
              // biome-ignore lint/suspicious/noArrayIndexKey: runs are positions of a fixed row
              key={i}
              style={{ width: px(cell * r.length), height: px(cell), backgroundColor: r.dark ? '#000000' : '#ffffff' }}
            />
          ))}
        </View>
      ))}
    </View>
  );
}
