import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { PHOTOS_MAX } from '@/domain/order/order.rules';
import { errorMessage } from '@/services/cloud';
import { chooseAndUploadPhotos, PhotoUploadError } from '@/services/photo-upload';
import { CloudImage, previewCloudImages } from '../cloud-image';
import './index.scss';

export interface PhotoPickerProps {
  /** The photos so far (cloud:// fileIDs). */
  value: string[];
  onChange: (fileIDs: string[]) => void;
  /** Where new photos are stored, e.g. `orders/<requestId>`. */
  folder: string;
  max?: number;
}

/**
 * Photos for a form: thumbnails (tap to preview, 删除 to drop one) and an 添加照片 tile that
 * chooses and uploads, reading 上传中… meanwhile. Upload failures are toasted with the reason.
 */
export function PhotoPicker({ value, onChange, folder, max = PHOTOS_MAX }: PhotoPickerProps) {
  const [busy, setBusy] = useState(false);
  // The upload finishes after renders we did not see: add to the photos as they are then.
  const latest = useRef(value);
  latest.current = value;
  const append = (ids: string[]) => {
    if (ids.length > 0) onChange([...latest.current, ...ids].slice(0, max));
  };

  const add = async () => {
    if (busy) return;
    setBusy(true);
    try {
      append(await chooseAndUploadPhotos(folder, value.length, max));
    } catch (err) {
      if (err instanceof PhotoUploadError) append(err.uploaded);
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="photo-picker">
      {value.map((id) => (
        <View key={id} className="photo-picker__cell">
          <CloudImage fileID={id} className="photo-picker__photo" onClick={() => void previewCloudImages(value, id)} />
          <View className="photo-picker__remove" onClick={() => onChange(value.filter((v) => v !== id))}>
            <Text className="photo-picker__remove-text">删除</Text>
          </View>
        </View>
      ))}
      {value.length < max ? (
        <View className={`photo-picker__add${busy ? ' photo-picker__add--busy' : ''}`} onClick={() => void add()}>
          <Text className="photo-picker__plus">+</Text>
          <Text className="photo-picker__add-text">{busy ? '上传中…' : '添加照片'}</Text>
        </View>
      ) : null}
    </View>
  );
}
