/**
 * What the browser says about the camera, and how regularly its frames arrive: the raw material of
 * the injection signals (see shared/signals.ts). Read-only; it never changes the stream.
 */
import type { CameraReport } from '../shared/signals.js';

/** The track's label, settings (plain values only) and capabilities, as the browser reports them. */
export function cameraReport(stream: MediaStream | null): CameraReport {
  const track = stream?.getVideoTracks()[0];
  if (!track) return { label: '', settings: {}, capabilities: null };
  const settings: Record<string, number | string | boolean> = {};
  for (const [key, value] of Object.entries(track.getSettings?.() ?? {})) {
    // deviceId and groupId identify the device across sites: the label says enough.
    if (key === 'deviceId' || key === 'groupId') continue;
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') settings[key] = value;
  }
  let capabilities: Record<string, unknown> | null = null;
  if (typeof track.getCapabilities === 'function') {
    const { deviceId: _d, groupId: _g, ...rest } = track.getCapabilities() as Record<string, unknown>;
    capabilities = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  }
  return { label: track.label, settings, capabilities };
}

/**
 * Intervals between the camera's frames, from requestVideoFrameCallback's `mediaTime` (the frame's
 * own timestamp), while it runs. Browsers without the callback report null.
 */
export class FrameTimingMeter {
  readonly #video: HTMLVideoElement;
  readonly #intervals: number[] = [];
  #last: number | null = null;
  #handle: number | null = null;

  constructor(video: HTMLVideoElement) {
    this.#video = video;
  }

  start(): void {
    if (typeof this.#video.requestVideoFrameCallback !== 'function' || this.#handle !== null) return;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata): void => {
      const t = meta.mediaTime * 1000;
      if (this.#last !== null && t > this.#last) this.#intervals.push(t - this.#last);
      this.#last = t;
      this.#handle = this.#video.requestVideoFrameCallback(onFrame);
    };
    this.#handle = this.#video.requestVideoFrameCallback(onFrame);
  }

  stop(): { intervals: number; meanMs: number; sdMs: number } | null {
    if (this.#handle !== null) this.#video.cancelVideoFrameCallback(this.#handle);
    this.#handle = null;
    const n = this.#intervals.length;
    if (n < 2) return null;
    const mean = this.#intervals.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(this.#intervals.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    return { intervals: n, meanMs: Math.round(mean * 100) / 100, sdMs: Math.round(sd * 1000) / 1000 };
  }
}
