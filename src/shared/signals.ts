/**
 * Injection signals: what the widget measured about the camera and its picture, sealed in the
 * evidence so the server can name them in its decision. Each is bypassable by a client that forges
 * its evidence; together they raise the cost of feeding a virtual camera or a file into the widget.
 * The server's policy says what each named signal does (README "Injection signals").
 */

/** The named signals a decision can report. */
export const SIGNAL_NAMES = [
  /** The camera's label names a virtual camera (OBS, ManyCam, DroidCam, v4l2loopback …). */
  'virtual-camera',
  /** The track's settings fall outside its own capabilities, or capabilities are missing. */
  'settings-inconsistent',
  /** Camera frames arrive with a regularity no sensor has, or with wild jitter. */
  'frame-timing',
  /** The picture did not change between analysed frames (a still image). */
  'frozen-picture',
  /** The picture repeats earlier frames exactly (a looping file). */
  'looping-picture',
  /** The skin's response to the screen colours came later than a camera can take. */
  'reflection-latency',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

/** What a triggered signal does to the decision. */
export type SignalAction = 'fail' | 'flag' | 'ignore';

/** The camera as the browser describes it. */
export interface CameraReport {
  label: string;
  /** From `MediaStreamTrack.getSettings()`: the numbers and strings only. */
  settings: Record<string, number | string | boolean>;
  /** From `getCapabilities()`, or null where the browser has none. */
  capabilities: Record<string, unknown> | null;
}

/** The evidence member `signals`. */
export interface SignalReport {
  camera: CameraReport;
  /** Intervals between camera frames during the recording (requestVideoFrameCallback), or null. */
  frameTiming: { intervals: number; meanMs: number; sdMs: number } | null;
  /** Share (0..1) of analysed frames that repeat an earlier, non-adjacent frame near-exactly, or null. */
  repeatShare: number | null;
}
