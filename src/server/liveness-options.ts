/**
 * The operator's liveness policy: which actions the server draws from, how many, how many colours,
 * whether the reduced path is offered, the thresholds the server judges with and what each
 * injection signal does. Checked at start-up with the other options.
 */
import { scriptMaxDurationMs, type LivenessAction } from '../shared/liveness-script.js';
import type { SignalAction, SignalName } from '../shared/signals.js';
import { isRecord } from '../shared/guards.js';
import { resolveSignalPolicy } from '../liveness/injection-signals.js';
import { ACTION_LIMIT_MS, COLOUR_MS_RANGE, DEFAULT_ACTION_POOL, LEAD_MS, PALETTE, poolProblems, TAIL_MS } from '../liveness/script-generator.js';
import { resolveThresholds, type LivenessThresholds } from '../liveness/thresholds.js';

/** Fewest colours a policy may use (see {@link LivenessOptions.colours}). */
export const MIN_COLOURS = 6;

/** The `liveness` option of {@link FaceVerifyServerOptions}. */
export interface LivenessOptions {
  /** Actions to draw from (default turn-left, turn-right, look-up, nod, blink). */
  actions?: LivenessAction[];
  /** Allow `smile` in `actions` (default false: it excludes some people with facial paralysis). */
  smile?: boolean;
  /** Fewest and most actions per challenge, 1…4 (default [2, 3]). */
  actionCount?: [number, number];
  /**
   * Colours per challenge, 6…8 (default 8). Fewer leave too few other orders to tell a response
   * from chance: with 4, the best of the 23 other orders correlated 0.68–0.98 with a real response.
   */
  colours?: number;
  /**
   * Offer the path without flashes and with minimal motion (blinks only) to people who ask for it;
   * its decisions are `passed-lower-assurance` (default true).
   */
  reducedPath?: boolean;
  /** Thresholds the server judges with (default: the widget's; README "Liveness thresholds"). */
  thresholds?: Partial<LivenessThresholds>;
  /** What each injection signal does: 'fail', 'flag' or 'ignore' (README "Injection signals"). */
  signals?: Partial<Record<SignalName, SignalAction>>;
}

export interface ResolvedLiveness {
  pool: LivenessAction[];
  actionCount: [number, number];
  colourCount: number;
  reducedPath: boolean;
  thresholds: LivenessThresholds;
  policy: Record<SignalName, SignalAction>;
  /** The longest recording any challenge of this policy allows, ms. */
  maxClipMs: number;
}

/** Resolves the option, pushing every problem found onto `problems`. */
export function resolveLiveness(value: unknown, problems: string[]): ResolvedLiveness {
  const o = value === undefined ? {} : value;
  if (!isRecord(o)) problems.push('liveness: must be an object, or omitted');
  const l = (isRecord(o) ? o : {}) as Record<string, unknown>;
  const smile = l['smile'] === true;
  if (l['smile'] !== undefined && typeof l['smile'] !== 'boolean') problems.push('liveness.smile: must be true or false');
  const pool = (l['actions'] ?? [...DEFAULT_ACTION_POOL]) as LivenessAction[];
  problems.push(...poolProblems(pool, smile));
  const count = (l['actionCount'] ?? [2, 3]) as [number, number];
  if (!Array.isArray(count) || count.length !== 2 || !count.every(Number.isInteger) || count[0] < 1 || count[1] > 4 || count[0] > count[1]) {
    problems.push('liveness.actionCount: must be [fewest, most] with 1 ≤ fewest ≤ most ≤ 4');
  }
  const colourCount = l['colours'] ?? PALETTE.length;
  if (!Number.isInteger(colourCount) || (colourCount as number) < MIN_COLOURS || (colourCount as number) > PALETTE.length) {
    problems.push(`liveness.colours: must be a whole number from ${MIN_COLOURS} to ${PALETTE.length}`);
  }
  if (l['reducedPath'] !== undefined && typeof l['reducedPath'] !== 'boolean') problems.push('liveness.reducedPath: must be true or false');
  let thresholds = resolveThresholds(undefined);
  let policy = resolveSignalPolicy(undefined);
  try {
    thresholds = resolveThresholds(l['thresholds'] as Partial<LivenessThresholds> | undefined);
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    policy = resolveSignalPolicy(l['signals'] as Record<string, unknown> | undefined);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const actionCount: [number, number] = Array.isArray(count) && count.length === 2 ? [count[0], count[1]] : [2, 3];
  const longestLimit = Math.max(...(Array.isArray(pool) ? pool : DEFAULT_ACTION_POOL).map((a) => ACTION_LIMIT_MS[a] ?? 0));
  const colours = Number.isInteger(colourCount) ? (colourCount as number) : PALETTE.length;
  const maxClipMs = scriptMaxDurationMs({
    leadMs: LEAD_MS, tailMs: TAIL_MS,
    colours: Array.from({ length: colours }, () => ({ rgb: [0, 0, 0], ms: COLOUR_MS_RANGE[1] })),
    actions: Array.from({ length: Math.max(2, actionCount[1]) }, () => ({ action: 'blink' as const, limitMs: longestLimit })),
  });
  return { pool, actionCount, colourCount: colours, reducedPath: l['reducedPath'] !== false, thresholds, policy, maxClipMs };
}
