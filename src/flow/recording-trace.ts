/**
 * The trace of one recording: the analysed frames from the moment the recorder started, on its
 * clock, and the two rules that end a recording early. Pure (no DOM), tested in Node.
 */
import { tracePlausibilityProblems } from '../shared/trace-plausibility.js';
import { buildTrace, type FrameSample } from '../shared/trace.js';

/** A recording restarts when the face is lost, or a second face shows, for longer than this. */
export const CAPTURE_LOSS_TOLERANCE_MS = 1_000;
/**
 * The widest hole the widget lets into a trace (the server refuses over 1000 ms): a hidden tab or a
 * stalled worker leaves holes, and such a recording is not kept.
 */
export const MAX_TRACE_HOLE_MS = 800;

export type TraceVerdict = 'ok' | 'lost';

export class RecordingTrace {
  readonly samples: FrameSample[] = [];
  #startedAt: number | null = null;
  #lostSince: number | null = null;

  constructor(private readonly lossToleranceMs = CAPTURE_LOSS_TOLERANCE_MS) {}

  /** Monotonic ms when the recorder started, or null before. */
  get startedAt(): number | null {
    return this.#startedAt;
  }

  start(t: number): void {
    this.#startedAt = t;
  }

  /**
   * Feeds one analysed frame taken at monotonic `sample.t`; `faceLost` when it shows no face or more
   * than one. Frames from before the recorder started are not in the clip, so not in its trace.
   * @returns 'lost' once the face has been missing for longer than the tolerance.
   */
  push(sample: FrameSample, faceLost: boolean): TraceVerdict {
    const start = this.#startedAt;
    if (start === null || sample.t < start) return 'ok';
    const { t, faces, box, yaw, pitch, roll, blinkL, blinkR, luma, skin, smile, sharp, motion } = sample;
    this.samples.push({ t: t - start, faces, box, yaw, pitch, roll, blinkL, blinkR, luma, skin, smile, sharp, motion });
    if (!faceLost) {
      this.#lostSince = null;
      return 'ok';
    }
    this.#lostSince ??= t;
    return t - this.#lostSince > this.lossToleranceMs ? 'lost' : 'ok';
  }

  /**
   * The widest stretch of a `durationMs` recording that has no analysed frame: before the first row,
   * between rows, and after the last.
   */
  widestHoleMs(durationMs: number): number {
    let previous = 0;
    let widest = 0;
    for (const { t } of this.samples) {
      widest = Math.max(widest, t - previous);
      previous = t;
    }
    return Math.max(widest, durationMs - previous);
  }

  /**
   * True when the trace covers the whole recording without a hole wider than {@link MAX_TRACE_HOLE_MS}
   * and passes the server's plausibility rules (shared/trace-plausibility.ts): a recording the server
   * would refuse is recorded again, never shown for review.
   */
  complete(durationMs: number): boolean {
    if (this.samples.length === 0 || this.widestHoleMs(durationMs) > MAX_TRACE_HOLE_MS) return false;
    const trace = buildTrace(this.samples);
    return tracePlausibilityProblems(trace, trace.rows.length, Math.round(durationMs)).length === 0;
  }
}
