/**
 * The liveness decision both sides reach from a recording's evidence: a level with typed reasons,
 * never a bare boolean. The widget shows it before the review; `verifySubmission()` re-runs the same
 * evaluators with the server's thresholds, stores the decision with the submission and puts its level
 * in the receipt.
 */
import type { LivenessAction } from './liveness-script.js';
import type { SignalAction, SignalName } from './signals.js';

/** `passed-lower-assurance`: every check ran passed, but some were not run (the reduced path). */
export const LIVENESS_LEVELS = ['passed', 'passed-lower-assurance', 'failed'] as const;
export type LivenessLevel = (typeof LIVENESS_LEVELS)[number];

/** Why a decision is what it is. README "Liveness decision" lists them with what the person is told. */
export const LIVENESS_REASON_CODES = [
  /** The evidence does not describe the challenge's script (other actions, colours or path). */
  'report-mismatch',
  /** The trace lacks what the checks read (no face, missing columns, too few frames in a phase). */
  'trace-unusable',
  /** The head was not held still and facing the camera while the colours were shown. */
  'not-steady',
  /** An action was not seen within its time limit. */
  'action-missed',
  /** Another movement than the one asked for came first (e.g. a turn to the right when asked left). */
  'action-wrong',
  /** The head did not come back to the neutral pose after an action. */
  'no-return',
  /** A prompt was shown before the previous action was done, or the times do not add up. */
  'action-timing',
  /** The reported colour onsets do not follow the schedule's durations. */
  'colour-timing',
  /** The skin's colour did not follow the colours shown, in order. */
  'colour-no-response',
  /** The reduced path (no flashes, minimal motion) was taken: lower assurance. */
  'reduced-path',
  /** An injection signal whose policy is `fail` triggered. */
  'signal',
] as const;
export type LivenessReasonCode = (typeof LIVENESS_REASON_CODES)[number];

export interface LivenessReason {
  code: LivenessReasonCode;
  /** For an operator's log: what was measured against what threshold. Not shown raw to the person. */
  message: string;
  /** For action reasons: which step of the script (0-based) and its action. */
  step?: number;
  action?: LivenessAction;
  /** For `signal`: which one. */
  signal?: SignalName;
}

/** What the action evaluator measured for one step. */
export interface ActionResult {
  action: LivenessAction;
  passed: boolean;
  /** When it was seen done (back at neutral), ms on the recorder's clock; null if never. */
  doneAt: number | null;
  /** Largest movement in the asked direction, relative to neutral (degrees, or score for blink/smile). */
  peak: number;
  /** The threshold that movement had to reach. */
  threshold: number;
}

/** What the colour-response check measured. */
export interface ColourResult {
  passed: boolean;
  /** Correlation of the skin's colour with the schedule shown, at the best lag. */
  correlation: number;
  /** The correlation it had to reach. */
  threshold: number;
  /** The highest correlation any of the reordered schedules reached (what an unrelated picture gets). */
  shuffledMax: number;
  /** The lag of the best correlation, ms. */
  lagMs: number;
  /** Analysed frames in the colour phase. */
  frames: number;
}

export interface SignalResult {
  name: SignalName;
  /** What was measured (a label, a share, a number of ms …). */
  value: unknown;
  triggered: boolean;
  /** What the policy made of it. */
  action: SignalAction;
}

export interface LivenessDecision {
  level: LivenessLevel;
  reasons: LivenessReason[];
  /** Signals that triggered with policy `flag`: the decision stands, the operator should look. */
  flags: SignalName[];
  actions: ActionResult[];
  /** Null on the reduced path. */
  colour: ColourResult | null;
  signals: SignalResult[];
}
