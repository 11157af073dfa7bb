import { FaceVerifyError } from '../shared/errors.js';
import { CLIP_BITS_PER_SECOND } from '../shared/limits.js';

/** Container/codec preferences: WebM VP8 first (fast to encode on low-end CPUs), MP4 for Safari. */
export const CLIP_TYPES = [
  'video/webm;codecs=vp8',
  'video/webm;codecs=vp9',
  'video/webm',
  'video/mp4;codecs=avc1',
  'video/mp4',
] as const;

/** Bitrate cap (shared with the server, which sizes its upload cap by it): a 5-s clip is 150–330 KB. */
export { CLIP_BITS_PER_SECOND };

/** The first clip type this browser can record, or null. */
export function pickClipType(isSupported: (type: string) => boolean = (t) => MediaRecorder.isTypeSupported(t)): string | null {
  return CLIP_TYPES.find((t) => isSupported(t)) ?? null;
}

export interface RecordedClip {
  bytes: Uint8Array;
  /** The container type without codec parameters, e.g. "video/webm". */
  mimeType: string;
  /** Unix ms when recording started. */
  startedAt: number;
  /** Monotonic ms (performance.now) when recording started; trace times are relative to it. */
  startedAtMonotonic: number;
  durationMs: number;
}

/**
 * Records at most `durationMs` of the stream's video. Aborting `signal` stops the recorder and
 * rejects; aborting `finish` stops it early and resolves with the clip so far. The camera itself is
 * left to its owner.
 * @throws FaceVerifyError 'recorder-unsupported' or 'recording-failed'.
 */
export function recordClip(
  stream: MediaStream,
  options: { durationMs: number; signal?: AbortSignal; finish?: AbortSignal; onStart?: (startedAtMonotonic: number) => void },
): Promise<RecordedClip> {
  if (typeof MediaRecorder === 'undefined') {
    return Promise.reject(new FaceVerifyError('recorder-unsupported', 'This browser cannot record video. Use a current browser.'));
  }
  const type = pickClipType();
  if (!type) {
    return Promise.reject(new FaceVerifyError('recorder-unsupported', 'This browser cannot record WebM or MP4 video. Use a current browser.'));
  }
  return new Promise<RecordedClip>((resolve, reject) => {
    const chunks: Blob[] = [];
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: CLIP_BITS_PER_SECOND });
    } catch (cause) {
      reject(new FaceVerifyError('recording-failed', 'The video recorder could not start. Try again.', { cause }));
      return;
    }
    let startedAt = 0;
    let startedAtMonotonic = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      if (recorder.state !== 'inactive') recorder.stop();
      reject(options.signal!.reason);
    };
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    recorder.onerror = (event) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new FaceVerifyError('recording-failed', 'Recording stopped unexpectedly. Try again.', { cause: (event as ErrorEvent).error ?? event }));
    };
    recorder.onstart = () => {
      startedAt = Date.now();
      startedAtMonotonic = performance.now();
      options.onStart?.(startedAtMonotonic);
      timer = setTimeout(() => recorder.state !== 'inactive' && recorder.stop(), options.durationMs);
      if (options.finish?.aborted) recorder.stop();
    };
    options.finish?.addEventListener('abort', () => {
      clearTimeout(timer);
      if (recorder.state === 'recording') recorder.stop();
    }, { once: true });
    recorder.onstop = async () => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return;
      const durationMs = performance.now() - startedAtMonotonic;
      const blob = new Blob(chunks, { type });
      if (blob.size === 0) {
        reject(new FaceVerifyError('recording-failed', 'The recording came out empty. Try again.'));
        return;
      }
      resolve({
        bytes: new Uint8Array(await blob.arrayBuffer()),
        mimeType: type.split(';')[0]!,
        startedAt,
        startedAtMonotonic,
        durationMs,
      });
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // A timeslice makes the browser flush data regularly, so a stop never waits on one huge buffer.
    recorder.start(1000);
  });
}
