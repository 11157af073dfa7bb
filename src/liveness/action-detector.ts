/**
 * Watches frames after one action prompt and says when the action is done: the movement asked for
 * reached its threshold relative to the person's neutral pose, and the head came back to neutral.
 * Incremental, so the widget uses it live to move to the next prompt, and the server feeds it the
 * sealed trace to reach the same verdict with its own thresholds.
 */
import type { ActionResult } from '../shared/liveness-decision.js';
import type { LivenessAction } from '../shared/liveness-script.js';
import type { LivenessFrame, NeutralPose } from './frames.js';
import type { LivenessThresholds } from './thresholds.js';

export type ActionState = 'waiting' | 'reached' | 'done' | 'wrong';

/** A movement other than the one asked for, seen before it. */
export interface WrongMovement {
  /** What was seen instead, in action words. */
  seen: LivenessAction;
  at: number;
}

export class ActionDetector {
  readonly action: LivenessAction;
  #state: ActionState = 'waiting';
  /** Blink and smile need to see the eyes open / no smile first, so a held squint is not a blink. */
  #armed: boolean;
  #peak = 0;
  #doneAt: number | null = null;
  #wrong: WrongMovement | null = null;

  constructor(action: LivenessAction, private readonly neutral: NeutralPose, private readonly th: LivenessThresholds) {
    this.action = action;
    this.#armed = action !== 'blink' && action !== 'smile';
  }

  get state(): ActionState {
    return this.#state;
  }

  get wrong(): WrongMovement | null {
    return this.#wrong;
  }

  /** Feeds one frame (in time order); frames without exactly one face are skipped. */
  push(f: LivenessFrame): ActionState {
    if (this.#state === 'done' || this.#state === 'wrong') return this.#state;
    if (f.faces !== 1 || f.yaw === null || f.pitch === null) return this.#state;
    const dyaw = f.yaw - this.neutral.yaw;
    const dpitch = f.pitch - this.neutral.pitch;
    const progress = this.#progress(f, dyaw, dpitch);
    if (progress === null) return this.#state;
    this.#peak = Math.max(this.#peak, progress.amount);
    if (this.#state === 'waiting') {
      const wrong = this.#wrongMovement(f, dyaw, dpitch);
      if (wrong) {
        this.#wrong = { seen: wrong, at: f.t };
        this.#state = 'wrong';
      } else if (this.#armed && progress.reached) {
        this.#state = 'reached';
      } else if (progress.rest) {
        this.#armed = true;
      }
    } else if (this.#state === 'reached' && progress.rest && Math.abs(dyaw) <= this.th.returnDeg && Math.abs(dpitch) <= this.th.returnDeg) {
      this.#state = 'done';
      this.#doneAt = f.t;
    }
    return this.#state;
  }

  /** The verdict so far. */
  result(): ActionResult {
    return { action: this.action, passed: this.#state === 'done', doneAt: this.#doneAt, peak: round(this.#peak), threshold: this.#threshold() };
  }

  #threshold(): number {
    const th = this.th;
    switch (this.action) {
      case 'turn-left':
      case 'turn-right':
        return th.turnDeg;
      case 'look-up':
        return th.lookUpDeg;
      case 'nod':
        return th.nodDeg;
      case 'blink':
        return th.blinkClosed;
      case 'smile':
        return th.smileOn;
    }
  }

  /**
   * How far the asked movement has come (`amount`, in the threshold's unit), whether it reached the
   * threshold, and whether the face is at rest for this action (back from it).
   */
  #progress(f: LivenessFrame, dyaw: number, dpitch: number): { amount: number; reached: boolean; rest: boolean } | null {
    const th = this.th;
    switch (this.action) {
      case 'turn-left':
        // The person's own left is +yaw in the raw camera image.
        return { amount: dyaw, reached: dyaw >= th.turnDeg, rest: Math.abs(dyaw) <= th.returnDeg };
      case 'turn-right':
        return { amount: -dyaw, reached: -dyaw >= th.turnDeg, rest: Math.abs(dyaw) <= th.returnDeg };
      case 'look-up':
        return { amount: -dpitch, reached: -dpitch >= th.lookUpDeg, rest: Math.abs(dpitch) <= th.returnDeg };
      case 'nod':
        return { amount: dpitch, reached: dpitch >= th.nodDeg, rest: Math.abs(dpitch) <= th.returnDeg };
      case 'blink': {
        if (f.blinkL === null || f.blinkR === null) return null;
        const closed = Math.min(f.blinkL, f.blinkR);
        return { amount: closed, reached: closed >= th.blinkClosed, rest: Math.max(f.blinkL, f.blinkR) <= th.blinkOpen };
      }
      case 'smile': {
        if (f.smile === null) return null;
        return { amount: f.smile, reached: f.smile >= th.smileOn, rest: f.smile <= Math.max(th.smileOff, this.neutral.smile) };
      }
    }
  }

  /**
   * A clear movement of another kind before the asked one: a turn the other way, a look the other
   * way, or a head movement when a blink or smile was asked. Replayed footage in the wrong order
   * shows exactly these.
   */
  #wrongMovement(_f: LivenessFrame, dyaw: number, dpitch: number): LivenessAction | null {
    const th = this.th;
    const turned: LivenessAction | null = dyaw >= th.turnDeg ? 'turn-left' : -dyaw >= th.turnDeg ? 'turn-right' : null;
    const pitched: LivenessAction | null = -dpitch >= th.lookUpDeg ? 'look-up' : dpitch >= th.nodDeg ? 'nod' : null;
    switch (this.action) {
      case 'turn-left':
        return turned === 'turn-right' ? turned : null;
      case 'turn-right':
        return turned === 'turn-left' ? turned : null;
      case 'look-up':
        return pitched === 'nod' ? pitched : turned;
      case 'nod':
        return pitched === 'look-up' ? pitched : turned;
      case 'blink':
      case 'smile':
        return turned ?? pitched;
    }
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
