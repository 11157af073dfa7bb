/**
 * One take: the recorder running over a live stream while the trace fills, and the rules that
 * decide whether what came out may be reviewed at all. A take the person cannot have meant to
 * send — the camera stopped (the clip is cut short), the tab was hidden, the trace has holes — is
 * never returned as a clip.
 */
import { recordClip, type RecordedClip } from '../capture/clip-recorder.js';
import { FaceVerifyError } from '../shared/errors.js';
import type { RecordingTrace } from './recording-trace.js';
import type { Run } from './run-scope.js';

/** A clip this much shorter than asked for was cut short: its camera stopped. */
const CLIP_SHORTFALL_MS = 300;

export interface TakeOptions {
  /** The longest the take may last (the challenge's clipMs). */
  durationMs: number;
  /** Aborted when the liveness script is over: the take ends there, complete. */
  finish: AbortSignal;
  /** The recorder's monotonic start time. */
  onStart(t: number): void;
  /** Ms since the recorder started, about twenty times a second (the liveness script's clock). */
  onProgress(elapsedMs: number): void;
  /** The tab was hidden: frames stop, the trace would have holes; the take is abandoned. */
  onHidden(): void;
}

/**
 * Records `durationMs` of `stream` into a clip whose trace is `trace`.
 * @returns the clip, or null when the take must be abandoned (hidden tab, holes in the trace).
 * @throws FaceVerifyError 'camera-ended' when the camera stopped during the take;
 *   'recorder-unsupported' / 'recording-failed' from the recorder; the run's abort reason.
 */
export async function recordTake(run: Run, stream: MediaStream, trace: RecordingTrace, options: TakeOptions): Promise<RecordedClip | null> {
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden' && run.live) options.onHidden();
  };
  document.addEventListener('visibilitychange', onVisibility);
  const ticker = setInterval(() => {
    if (trace.startedAt !== null && run.live) options.onProgress(performance.now() - trace.startedAt);
  }, 50);
  try {
    if (document.visibilityState === 'hidden') return null;
    const clip = await run.settle(recordClip(stream, {
      durationMs: options.durationMs,
      signal: run.signal,
      finish: options.finish,
      onStart: (t) => {
        if (!run.live) return;
        trace.start(t);
        options.onStart(t);
      },
    }));
    // A stopped track ends the recorder early, with a clip that looks complete: never keep it. A take
    // the script did not finish, which stopped before its longest, was cut short the same way.
    const cutShort = !options.finish.aborted && clip.durationMs < options.durationMs - CLIP_SHORTFALL_MS;
    if (stream.getVideoTracks().some((t) => t.readyState === 'ended') || cutShort) {
      throw new FaceVerifyError('camera-ended', 'The camera stopped during the recording. Nothing partial is kept; try again.');
    }
    // A hidden tab or a stalled worker leaves holes the server would refuse: record again instead.
    return trace.complete(clip.durationMs) ? clip : null;
  } finally {
    clearInterval(ticker);
    document.removeEventListener('visibilitychange', onVisibility);
  }
}
