import { FaceVerifyError } from '../shared/errors.js';

/** Default time a camera has to show its first picture. */
export const CAMERA_START_TIMEOUT_MS = 10_000;

/**
 * Waits until the element's `<video>` plays `stream` with a frame to read. The element renders the
 * video a moment after the camera step shows, so `video()` is asked again on every try.
 * @throws FaceVerifyError 'camera-timeout' when no picture arrives within `timeoutMs`;
 *   `signal.reason` when aborted.
 */
export async function waitForPlayback(
  video: () => HTMLVideoElement | null,
  stream: MediaStream,
  options: { signal: AbortSignal; timeoutMs?: number },
): Promise<HTMLVideoElement> {
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? CAMERA_START_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    signal.throwIfAborted();
    const element = video();
    if (element) {
      if (element.srcObject !== stream) element.srcObject = stream;
      if (element.readyState >= 2 && !element.paused) return element;
      // Autoplay of a muted preview is allowed; play() only settles once a frame arrives, so it is
      // not awaited here (a camera that never sends one would hang it).
      if (element.paused) element.play().catch(() => {});
    }
    if (performance.now() > deadline) {
      throw new FaceVerifyError('camera-timeout', `The camera gave no picture within ${Math.round(timeoutMs / 1000)} s. Check that no other app holds it, then try again.`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
