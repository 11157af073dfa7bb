/**
 * One take: the recorder (clip mode) or a plain timer (embedding mode, where no video is ever
 * recorded) running over a live stream while the trace fills, and the rules that decide whether
 * what came out may be reviewed at all. A take the person cannot have meant to send — the camera
 * stopped (the take is cut short), the tab was hidden, the trace has holes — is never returned.
 */
import { recordClip, type RecordedClip } from '../capture/clip-recorder.js';
import { timeTake } from '../capture/timed-take.js';
import { FaceVerifyError } from '../shared/errors.js';
import type { RecordingTrace } from './recording-trace.js';
import type { Run } from './run-scope.js';

/** A clip this much shorter than asked for was cut short: its camera stopped. */
const CLIP_SHORTFALL_MS = 300;

export interface TakeOptions {
  /** Record a clip (clip mode), or only time the take (embedding mode). */
  clip: boolean;
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

/** A finished take: how long it lasted, and its clip in clip mode. */
export interface Take {
  durationMs: number;
  clip: RecordedClip | null;
}

/**
 * Runs a take of at most `durationMs` over `stream` whose trace is `trace`.
 * @returns the take, or null when it must be abandoned (hidden tab, holes in the trace).
 * @throws FaceVerifyError 'camera-ended' when the camera stopped during the take;
 *   'recorder-unsupported' / 'recording-failed' from the recorder; the run's abort reason.
 */
export async function recordTake(run: Run, stream: MediaStream, trace: RecordingTrace, options: TakeOptions): Promise<Take | null> {
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden' && run.live) options.onHidden();
  };
  document.addEventListener('visibilitychange', onVisibility);
  const ticker = setInterval(() => {
    if (trace.startedAt !== null && run.live) options.onProgress(performance.now() - trace.startedAt);
  }, 50);
  try {
    if (document.visibilityState === 'hidden') return null;
    const takeOptions = {
      durationMs: options.durationMs,
      signal: run.signal,
      finish: options.finish,
      onStart: (t: number) => {
        if (!run.live) return;
        trace.start(t);
        options.onStart(t);
      },
    };
    const take: Take = options.clip
      ? await run.settle(recordClip(stream, takeOptions)).then((clip) => ({ durationMs: clip.durationMs, clip }))
      : { durationMs: (await run.settle(timeTake(stream, takeOptions))).durationMs, clip: null };
    // A stopped track ends the recorder early, with a clip that looks complete: never keep it. A take
    // the script did not finish, which stopped before its longest, was cut short the same way.
    const cutShort = !options.finish.aborted && take.durationMs < options.durationMs - CLIP_SHORTFALL_MS;
    if (stream.getVideoTracks().some((t) => t.readyState === 'ended') || cutShort) {
      throw new FaceVerifyError('camera-ended', 'The camera stopped during the recording. Nothing partial is kept; try again.');
    }
    // A hidden tab or a stalled worker leaves holes the server would refuse: record again instead.
    return trace.complete(take.durationMs) ? take : null;
  } finally {
    clearInterval(ticker);
    document.removeEventListener('visibilitychange', onVisibility);
  }
}
