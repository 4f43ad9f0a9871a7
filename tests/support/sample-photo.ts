/** A small real PNG (64×64 red-and-white checks) for browser tests that attach a photo. */
export const SAMPLE_PHOTO = {
  name: 'repair.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAa0lEQVR42u3XoQ0AIAxFQabAsf8qjFONYoGiaiBcgqzg1Mtvs4/0rYj03XbfAAAAAABKgFc+eroHAAAAAKgBlBgAAADAHlBiAAAAAHtAiQEAAADsASUGAAAAsAeUGAAAAMAeUGIAAACAbwAbMNqpwx60aRYAAAAASUVORK5CYII=',
    'base64',
  ),
};
