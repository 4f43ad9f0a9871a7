import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import { qrRuns } from './qr-runs';

/**
 * A QR code drawn as a grid of views (no image service, no canvas): `text` encoded with the
 * `qrcode` package's matrix, `width` design px wide including the 4-module quiet zone.
 */
export function QrGrid({ text, width = 440 }: { text: string; width?: number }) {
  const { size, rows } = useMemo(() => qrRuns(text), [text]);
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
