/**
 * What the element's aria-live region says. A screen reader speaks every change of that region, and
 * the element re-renders on every camera frame and every second of a countdown, so the text handed
 * to the region must change only when its meaning does: a new step, prompt or error at once; a
 * guidance issue only once it has held for a moment (a face at the edge of the oval flickers between
 * "move closer" and "hold still" frame to frame); a countdown only at coarse marks.
 * Pure: the caller passes the clock, so it is tested in Node.
 */

/** One candidate announcement, built from the element's state on each render. */
export interface Utterance {
  /** The step it belongs to: the first utterance of a new step is spoken at once, whatever its timing. */
  scope: string;
  /** What it means: two utterances with the same key are the same announcement, whatever their text. */
  key: string;
  text: string;
  /**
   * 'now': spoken at once (steps, prompts, errors). 'settle': spoken only once the same key has been
   * asked for without a break for `settleMs` (live guidance).
   */
  timing: 'now' | 'settle';
  /** A countdown's seconds left: within one key, the text is re-spoken only when they pass a mark. */
  seconds?: number;
}

export interface AnnouncerOptions {
  /** How long a 'settle' utterance must hold before it is spoken, ms. */
  settleMs: number;
  /** Seconds left at which a running countdown is spoken again, in any order. */
  marks: readonly number[];
}

export const DEFAULT_ANNOUNCER_OPTIONS: AnnouncerOptions = Object.freeze({ settleMs: 1500, marks: Object.freeze([60, 30, 10, 5]) });

/** What to put in the live region now, and when to ask again (a pending 'settle' utterance ripens then). */
export interface Spoken {
  text: string;
  /** The clock value at which {@link Announcer.update} may give a different answer for the same input; null: never. */
  recheckAt: number | null;
}

export class Announcer {
  readonly #options: AnnouncerOptions;
  #scope: string | null = null;
  #key: string | null = null;
  #text = '';
  /** How many marks the spoken countdown had passed when it was last spoken. */
  #marksPassed = 0;
  #pending: { key: string; since: number } | null = null;

  constructor(options: Partial<AnnouncerOptions> = {}) {
    const merged = { ...DEFAULT_ANNOUNCER_OPTIONS, ...options };
    if (!(merged.settleMs >= 0)) throw new RangeError(`Announcer: options.settleMs must be a number >= 0, got ${String(options.settleMs)}`);
    if (merged.marks.some((m) => !(m > 0))) throw new RangeError(`Announcer: options.marks must be positive seconds, got [${merged.marks.join(', ')}]`);
    this.#options = merged;
  }

  /** The text of the live region after `u` is asked for at time `now` (ms, any monotonic clock). */
  update(u: Utterance, now: number): Spoken {
    if (u.key === this.#key) {
      this.#pending = null;
      const passed = this.#passed(u.seconds);
      if (passed > this.#marksPassed) this.#speak(u);
      return { text: this.#text, recheckAt: null };
    }
    if (u.timing === 'now' || u.scope !== this.#scope) {
      this.#speak(u);
      return { text: this.#text, recheckAt: null };
    }
    if (this.#pending?.key !== u.key) this.#pending = { key: u.key, since: now };
    const ripeAt = this.#pending.since + this.#options.settleMs;
    if (now >= ripeAt) {
      this.#speak(u);
      return { text: this.#text, recheckAt: null };
    }
    return { text: this.#text, recheckAt: ripeAt };
  }

  #speak(u: Utterance): void {
    this.#scope = u.scope;
    this.#key = u.key;
    this.#text = u.text;
    this.#marksPassed = this.#passed(u.seconds);
    this.#pending = null;
  }

  #passed(seconds: number | undefined): number {
    return seconds === undefined ? 0 : this.#options.marks.filter((m) => seconds <= m).length;
  }
}
