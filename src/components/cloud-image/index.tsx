import { Image, type ImageProps, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { forgetCloudImage, previewCloudImages, useCloudImageUrl } from './image-url';
import './index.scss';

export { previewCloudImages, resolveCloudImage } from './image-url';

export interface CloudImageProps {
  /** A cloud file (`cloud://…`), as uploadCloudFile / chooseAndUploadPhotos answer it. */
  fileID: string;
  className?: string;
  mode?: ImageProps['mode'];
  onClick?: () => void;
}

/**
 * Shows a cloud:// photo on both platforms: weapp's <Image> loads fileIDs itself; in the browser
 * the fileID becomes the gateway's temp URL (cached). A grey tile while resolving, a short note
 * when the photo cannot be shown.
 */
export function CloudImage({ fileID, className, mode = 'aspectFill', onClick }: CloudImageProps) {
  const url = useCloudImageUrl(fileID);
  const [broken, setBroken] = useState<string | null>(null);
  const classes = (state: string) => ['cloud-image', state, className ?? ''].filter(Boolean).join(' ');
  if (url === undefined) return <View className={classes('cloud-image--loading')} onClick={onClick} />;
  if (url === null || broken === url) {
    return (
      <View className={classes('cloud-image--missing')} onClick={onClick}>
        <Text className="cloud-image__note">图片无法显示</Text>
      </View>
    );
  }
  return (
    <Image
      className={classes('')}
      src={url}
      mode={mode}
      onClick={onClick}
      onError={() => {
        forgetCloudImage(fileID);
        setBroken(url);
      }}
    />
  );
}

export interface CloudPhotosProps {
  fileIDs: string[];
  className?: string;
}

/** A row of photo thumbnails; tap one to see them full screen. Nothing when there are none. */
export function CloudPhotos({ fileIDs, className }: CloudPhotosProps) {
  if (fileIDs.length === 0) return null;
  return (
    <View className={['cloud-photos', className ?? ''].filter(Boolean).join(' ')}>
      {fileIDs.map((id) => (
        <CloudImage key={id} fileID={id} className="cloud-photos__item" onClick={() => void previewCloudImages(fileIDs, id)} />
      ))}
    </View>
  );
}
