/** A photo letterboxed into a 640×480 grey frame, as a webcam would deliver it (eval page and browser tests). */
export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;

export function letterbox(image: ImageBitmap): ImageBitmap {
  const canvas = new OffscreenCanvas(FRAME_WIDTH, FRAME_HEIGHT);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#777';
  ctx.fillRect(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
  const scale = Math.min(FRAME_WIDTH / image.width, FRAME_HEIGHT / image.height);
  ctx.drawImage(image, (FRAME_WIDTH - image.width * scale) / 2, (FRAME_HEIGHT - image.height * scale) / 2, image.width * scale, image.height * scale);
  return canvas.transferToImageBitmap();
}
