/**
 * Does the skin's colour follow the colours the screen showed, in their order? A live face in front
 * of the screen reflects its light; a photo on another screen, a replayed recording or a puppet video
 * made before the challenge cannot know the schedule, which the server chose at random.
 *
 * Method. Stimulus: the colour shown `lag` ms before each analysed frame, per channel, centred.
 * Response: the skin's mean colour (trace columns skinR/G/B), per channel, with a straight line fitted
 * over the colour phase removed (slow exposure and white-balance drift). The score is the mean over
 * the three channels of their Pearson correlations, at the best lag in 0…`colourMaxLagMs`.
 * The same score is computed for every rotation and a fixed set of reorderings of the schedule (same
 * onsets, colours in another order): an unrelated picture scores like they do, a reflecting face
 * scores clearly above all of them. Both conditions must hold: score ≥ `colourMinCorrelation`, and
 * score ≥ the best reordering + `colourMinLead`.
 */
import type { ColourResult } from '../shared/liveness-decision.js';
import type { Rgb } from '../shared/liveness-script.js';
import type { LivenessFrame } from './frames.js';
import type { LivenessThresholds } from './thresholds.js';

/** Lag step of the search, ms: one camera frame at 30 fps. */
const LAG_STEP_MS = 33;
/** Reorderings the score is compared with (beyond the rotations). */
const SHUFFLES = 40;

export interface ColourInput {
  /** The schedule's colours, in order. */
  colours: readonly Rgb[];
  /** When each was painted (ms, recorder clock), in schedule order. */
  onsets: readonly number[];
  /** When the last was taken off. */
  endAt: number;
}

/**
 * @returns the measurement, or null when the input cannot be measured (no colours, onsets that do
 *   not match them).
 */
export function colourResponse(frames: readonly LivenessFrame[], input: ColourInput, th: LivenessThresholds): ColourResult | null {
  const { colours, onsets, endAt } = input;
  if (colours.length < 2 || onsets.length !== colours.length) return null;
  const usable = frames.filter((f) => f.faces === 1 && f.skin !== null && f.t >= onsets[0]! && f.t <= endAt + th.colourMaxLagMs);
  const lags: number[] = [];
  for (let lag = 0; lag <= th.colourMaxLagMs; lag += LAG_STEP_MS) lags.push(lag);
  const score = (order: readonly number[]): { r: number; lag: number; n: number } => {
    let best = { r: -Infinity, lag: 0, n: 0 };
    for (const lag of lags) {
      const { r, n } = scoreAtLag(usable, colours, order, onsets, endAt, lag);
      if (n >= 3 && r > best.r) best = { r, lag, n };
    }
    return best;
  };
  const identity = colours.map((_, i) => i);
  const truth = score(identity);
  let shuffledMax = -Infinity;
  for (const order of reorderings(colours.length)) shuffledMax = Math.max(shuffledMax, score(order).r);
  const correlation = Number.isFinite(truth.r) ? truth.r : 0;
  const shuffled = Number.isFinite(shuffledMax) ? shuffledMax : 0;
  const frameCount = usable.filter((f) => f.t <= endAt).length;
  const passed = frameCount >= th.colourMinFrames && correlation >= th.colourMinCorrelation && correlation >= shuffled + th.colourMinLead;
  return { passed, correlation: round(correlation), threshold: th.colourMinCorrelation, shuffledMax: round(shuffled), lagMs: truth.lag, frames: frameCount };
}

function scoreAtLag(
  frames: readonly LivenessFrame[], colours: readonly Rgb[], order: readonly number[], onsets: readonly number[], endAt: number, lag: number,
): { r: number; n: number } {
  const stimulus: Rgb[] = [];
  const response: Rgb[] = [];
  const times: number[] = [];
  for (const f of frames) {
    const shownAt = f.t - lag;
    if (shownAt < onsets[0]! || shownAt >= endAt) continue;
    // The last onset (by index) at or before the moment shown: onsets out of order fail step 1, but
    // the score stays the one README defines.
    let step = 0;
    for (let k = 1; k < onsets.length; k++) if (onsets[k]! <= shownAt) step = k;
    stimulus.push(colours[order[step]!]!);
    response.push(f.skin!);
    times.push(f.t);
  }
  if (stimulus.length < 3) return { r: -Infinity, n: stimulus.length };
  let sum = 0;
  let channels = 0;
  for (let c = 0; c < 3; c++) {
    const s = stimulus.map((v) => v[c]!);
    const m = detrend(times, response.map((v) => v[c]!));
    const r = pearson(s, m);
    if (r !== null) {
      sum += r;
      channels++;
    }
  }
  return { r: channels ? sum / channels : -Infinity, n: stimulus.length };
}

/** `y` minus its least-squares line over `x`. */
export function detrend(x: readonly number[], y: readonly number[]): number[] {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return y.map((v, i) => v - my - slope * (x[i]! - mx));
}

/** Pearson correlation, or null when either side is constant. */
export function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  if (saa < 1e-9 || sbb < 1e-9) return null;
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Every non-identity rotation of 0..n-1 and a fixed set of shuffles that move all but at most two
 * colours (deterministic, so device and server compute the same number).
 */
export function reorderings(n: number): number[][] {
  const out: number[][] = [];
  for (let k = 1; k < n; k++) out.push(Array.from({ length: n }, (_, i) => (i + k) % n));
  let seed = 0x9e3779b9;
  const random = (): number => {
    // xorshift32: a fixed sequence, not a secret.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  for (let s = 0; s < SHUFFLES; s++) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    // An order that keeps most colours in place is the schedule itself, not an unrelated one.
    if (order.filter((v, i) => v === i).length <= 2) out.push(order);
  }
  return out;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
