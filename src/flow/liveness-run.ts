/**
 * One recording's liveness script, played: which colour or prompt the screen shows at each moment,
 * what the person did, and the report of what was shown when. Pure (no DOM, no timers): the capture
 * controller calls {@link tick} with the recorder's clock, feeds it frames ({@link livenessFrame}
 * reads them from the landmarker's analyses), and tells it when a change was painted; tested in Node.
 *
 * The next colour is due `ms` after the previous was *painted*, and a prompt counts from when it was
 * painted: the report holds those paint times, so the server judges what the person actually saw.
 */
import { ActionDetector } from '../liveness/action-detector.js';
import { neutralPose, type LivenessFrame } from '../liveness/frames.js';
import type { LivenessThresholds } from '../liveness/thresholds.js';
import type { LivenessReason } from '../shared/liveness-decision.js';
import type { ActionReport, LivenessAction, LivenessReport, LivenessScript, Rgb } from '../shared/liveness-script.js';
import type { FrameAnalysis } from '../vision/protocol.js';

export type LivenessPhase = 'lead' | 'colours' | 'actions' | 'tail' | 'over';

/** What the screen shows now. */
export interface LivenessView {
  phase: LivenessPhase;
  /** The colour to paint around the face; null outside the colour phase. */
  colour: Rgb | null;
  /** The action prompt; null outside the action phase. */
  prompt: { action: LivenessAction; step: number; total: number; limitMs: number; shownAt: number | null } | null;
  /** Index of the colour shown, for progress. */
  colourStep: number;
  colourTotal: number;
}

export type RunOutcome = { kind: 'complete'; atMs: number } | { kind: 'failed'; reason: LivenessReason };

export class LivenessRun {
  readonly #script: LivenessScript;
  readonly #th: LivenessThresholds;
  readonly #frames: LivenessFrame[] = [];
  readonly #onsets: number[] = [];
  readonly #actions: ActionReport[] = [];
  #coloursEndAt: number | null = null;
  #phase: LivenessPhase = 'lead';
  #colourIndex = -1;
  #step = -1;
  #detector: ActionDetector | null = null;
  /** A change waiting to be painted: its paint time becomes an onset, prompt time or the colours' end. */
  #pendingPaint: 'colour' | 'colours-end' | 'prompt' | null = null;
  #tailFrom: number | null = null;
  #outcome: RunOutcome | null = null;

  constructor(script: LivenessScript, thresholds: LivenessThresholds) {
    this.#script = script;
    this.#th = thresholds;
  }

  get outcome(): RunOutcome | null {
    return this.#outcome;
  }

  get view(): LivenessView {
    const s = this.#script;
    const step = this.#phase === 'actions' ? s.actions[this.#step] : undefined;
    return {
      phase: this.#phase,
      colour: this.#phase === 'colours' && this.#colourIndex >= 0 && this.#pendingPaint !== 'colours-end' ? s.colours[this.#colourIndex]!.rgb : null,
      prompt: step ? { action: step.action, step: this.#step, total: s.actions.length, limitMs: step.limitMs, shownAt: this.#actions[this.#step]?.promptAt ?? null } : null,
      colourStep: Math.max(0, this.#colourIndex),
      colourTotal: s.colours.length,
    };
  }

  /** True while a change is waiting for {@link painted}. */
  get awaitingPaint(): boolean {
    return this.#pendingPaint !== null;
  }

  /**
   * Advances by the clock (ms since the recorder started).
   * @returns true when what the screen must show changed (paint it, then call {@link painted}).
   */
  tick(t: number): boolean {
    if (this.#outcome || this.#pendingPaint) return false;
    const s = this.#script;
    switch (this.#phase) {
      case 'lead':
        if (t < s.leadMs) return false;
        if (s.colours.length === 0) return this.#startActions();
        this.#phase = 'colours';
        this.#colourIndex = 0;
        this.#pendingPaint = 'colour';
        return true;
      case 'colours': {
        const onset = this.#onsets[this.#colourIndex]!;
        if (t < onset + s.colours[this.#colourIndex]!.ms) return false;
        if (this.#colourIndex + 1 < s.colours.length) {
          this.#colourIndex++;
          this.#pendingPaint = 'colour';
          return true;
        }
        this.#pendingPaint = 'colours-end';
        return true;
      }
      case 'actions': {
        const report = this.#actions[this.#step]!;
        const step = s.actions[this.#step]!;
        if (t > report.promptAt + step.limitMs) {
          const result = this.#detector!.result();
          const code = this.#detector!.state === 'reached' ? 'no-return' : 'action-missed';
          this.#fail({ code, step: this.#step, action: step.action, message: `${step.action} not done within ${step.limitMs} ms (largest movement ${result.peak}, needs ${result.threshold})` });
          return true;
        }
        return false;
      }
      case 'tail':
        if (t >= this.#tailFrom! + s.tailMs) {
          this.#phase = 'over';
          this.#outcome = { kind: 'complete', atMs: t };
          return true;
        }
        return false;
      case 'over':
        return false;
    }
  }

  /** The change {@link tick} announced was painted at `t` (ms since the recorder started). */
  painted(t: number): void {
    const pending = this.#pendingPaint;
    this.#pendingPaint = null;
    if (pending === 'colour') this.#onsets.push(t);
    else if (pending === 'colours-end') {
      this.#coloursEndAt = t;
      this.#startActions();
      // The first prompt replaces the last colour on the same paint.
      this.painted(t);
    } else if (pending === 'prompt') {
      this.#actions[this.#step]!.promptAt = t;
    }
  }

  /** One analysed frame (t on the recorder's clock). */
  frame(f: LivenessFrame): void {
    this.#frames.push(f);
    if (this.#outcome || this.#phase !== 'actions' || this.#pendingPaint || !this.#detector) return;
    const report = this.#actions[this.#step]!;
    if (f.t < report.promptAt) return;
    const state = this.#detector.push(f);
    if (state === 'wrong') {
      const w = this.#detector.wrong!;
      this.#fail({ code: 'action-wrong', step: this.#step, action: this.#detector.action, message: `asked for ${this.#detector.action}, saw ${w.seen} first (at ${w.at} ms)` });
    } else if (state === 'done') {
      report.doneAt = f.t;
      if (this.#step + 1 < this.#script.actions.length) this.#prompt(this.#step + 1);
      else {
        this.#phase = 'tail';
        this.#tailFrom = f.t;
      }
    }
  }

  /** What was shown when, for the sealed evidence. */
  report(): LivenessReport {
    return {
      path: this.#script.path,
      colourOnsets: this.#onsets.map(Math.round),
      coloursEndAt: this.#coloursEndAt === null ? null : Math.round(this.#coloursEndAt),
      actions: this.#actions.map((a) => ({ action: a.action, promptAt: Math.round(a.promptAt), doneAt: a.doneAt === null ? null : Math.round(a.doneAt) })),
    };
  }

  #startActions(): boolean {
    const until = this.#coloursEndAt ?? this.#script.leadMs;
    const neutral = neutralPose(this.#frames, 0, until);
    if (!neutral || neutral.frames < 3) {
      this.#fail({ code: 'trace-unusable', message: `only ${neutral?.frames ?? 0} frames with one face while holding still; at least 3 are needed` });
      return true;
    }
    this.#neutral = neutral;
    this.#phase = 'actions';
    this.#prompt(0);
    return true;
  }

  #neutral: ReturnType<typeof neutralPose> = null;

  #prompt(step: number): void {
    this.#step = step;
    const action = this.#script.actions[step]!.action;
    this.#detector = new ActionDetector(action, this.#neutral!, this.#th);
    // promptAt is set when painted; until then it is not shown, so no frame counts for it.
    this.#actions.push({ action, promptAt: Infinity, doneAt: null });
    this.#pendingPaint = 'prompt';
  }

  #fail(reason: LivenessReason): void {
    this.#phase = 'over';
    this.#pendingPaint = null;
    this.#outcome = { kind: 'failed', reason };
  }
}

/** An analysed frame as the liveness evaluators read it, on the recorder's clock. */
export function livenessFrame(a: FrameAnalysis, start: number): LivenessFrame {
  return {
    t: a.t - start, faces: a.faces, yaw: a.yaw, pitch: a.pitch, blinkL: a.blinkL, blinkR: a.blinkR,
    smile: a.smile ?? null, skin: a.skin ?? null, motion: a.motion ?? null,
  };
}
