/**
 * What browsers can show as a photo, told by the bytes rather than by a client's claim: a name or a
 * declared content type is whatever the uploader says, the signature is what the <img> will decode.
 * SVG is left out on purpose: it is a document that can carry script, not a photo.
 */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp';

export const IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png', '.gif', '.webp'];

const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function sniffImage(bytes: Buffer): ImageKind | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return undefined;
}

/** True when the cloudPath names an image file, so storage serves it with an image content type. */
export function hasImageExtension(cloudPath: string): boolean {
  const dot = cloudPath.lastIndexOf('.');
  return dot > cloudPath.lastIndexOf('/') && IMAGE_EXTENSIONS.includes(cloudPath.slice(dot).toLowerCase());
}
