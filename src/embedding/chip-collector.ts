/**
 * The face chips of one capture, kept until the template is made: which frames are sent to the
 * landmarker with a chip request, which chips are kept (bounded), and — once the trace is final —
 * which of them the template is made from. Pure (no DOM, no worker): the capture controller feeds it
 * analysed frames on the recorder's clock.
 *
 * A chip costs the landmarker worker a few milliseconds (bench/chip-warp.ts) and 67.5 KB of memory,
 * so one is asked for only after a frame the server would accept as a template frame, at most every
 * {@link ChipCollectorOptions.intervalMs}, and at most `capacity` are held (the least good dropped).
 * Frame choice reads the trace's rounded values, the very numbers the server checks the binding
 * against, so a frame that rounds over a limit is never chosen.
 */
import { TEMPLATE_FRAME_RULES } from '../shared/template-binding.js';
import { traceColumn, type CaptureTrace } from '../shared/trace.js';
import { chooseTemplateFrames, frameQuality, isTemplateFrame, type FrameCandidate, type FrameChoiceOptions } from './frame-choice.js';

/** A chip as the landmarker cuts it. */
export interface CollectedChip {
  /** 150·150·3 RGB bytes. */
  rgb: Uint8Array;
  framePxPerChipPx: number;
}

/** One analysed frame of the capture, `t` in ms since the recorder started (before the trace rounds it). */
export type CollectorFrame = Omit<FrameCandidate, 'framePxPerChipPx'> & { chip?: CollectedChip | undefined };

export interface ChipCollectorOptions {
  /** Least time between two chip requests, ms. */
  intervalMs: number;
  /** Most chips held at once. */
  capacity: number;
}

/** Five chips a second at most, 40 held (2.7 MB): a 10-s capture with every frame good stays bounded. */
export const DEFAULT_CHIP_COLLECTION: Readonly<ChipCollectorOptions> = Object.freeze({ intervalMs: 200, capacity: 40 });

/** A frame chosen for the template, with its chip. */
export interface ChosenChip {
  /** The trace row's `t` (what evidence.template.frames names). */
  t: number;
  chip: CollectedChip;
}

export class ChipCollector {
  readonly #options: ChipCollectorOptions;
  /** Chips by the trace time their frame will have (rounded like the trace). */
  readonly #chips = new Map<number, { chip: CollectedChip; quality: number }>();
  #lastRequestAt = -Infinity;
  #lastFrameGood = false;

  constructor(options: ChipCollectorOptions = DEFAULT_CHIP_COLLECTION) {
    if (!(options.intervalMs >= 0) || !(options.capacity >= TEMPLATE_FRAME_RULES.minFrames)) {
      throw new RangeError(`ChipCollector: intervalMs must be ≥ 0 and capacity ≥ ${TEMPLATE_FRAME_RULES.minFrames}, got ${options.intervalMs} and ${options.capacity}`);
    }
    this.#options = options;
  }

  /** Chips held now. */
  get size(): number {
    return this.#chips.size;
  }

  /**
   * Whether the frame about to be sent at monotonic `now` should carry a chip request: the last
   * analysed frame was a good one and the last request is `intervalMs` old. A request counts when
   * it is answered yes, so this is asked once per frame sent.
   */
  wantsChip(now: number): boolean {
    if (!this.#lastFrameGood || now - this.#lastRequestAt < this.#options.intervalMs) return false;
    this.#lastRequestAt = now;
    return true;
  }

  /** One analysed frame of the capture; its chip, if any, is kept when the frame is a good one. */
  observe(frame: CollectorFrame): void {
    const { chip, ...sample } = frame;
    const candidate: FrameCandidate = { ...sample, framePxPerChipPx: chip?.framePxPerChipPx ?? 1 };
    this.#lastFrameGood = isTemplateFrame(candidate);
    if (!chip || !this.#lastFrameGood) return;
    this.#chips.set(Math.round(frame.t), { chip, quality: frameQuality(candidate) });
    if (this.#chips.size <= this.#options.capacity) return;
    let worst: number | null = null;
    for (const [t, held] of this.#chips) {
      if (worst === null || held.quality < this.#chips.get(worst)!.quality) worst = t;
    }
    this.#chips.delete(worst!);
  }

  /**
   * The frames to make the template from, read from the final `trace` (rows without a held chip are
   * not candidates), in time order.
   * @returns fewer than `options.count` when the capture had too few good frames.
   */
  choose(trace: CaptureTrace, options: FrameChoiceOptions): ChosenChip[] {
    const column = (name: string) => traceColumn(trace, name);
    const [t, faces, yaw, pitch, blinkL, blinkR, sharp] = ['t', 'faces', 'yaw', 'pitch', 'blinkL', 'blinkR', 'sharp'].map(column);
    const candidates: FrameCandidate[] = [];
    t!.forEach((time, row) => {
      const held = time === null ? undefined : this.#chips.get(time);
      if (!held || time === null) return;
      candidates.push({
        t: time, faces: faces![row] ?? 0, yaw: yaw![row] ?? null, pitch: pitch![row] ?? null,
        blinkL: blinkL![row] ?? null, blinkR: blinkR![row] ?? null, sharp: sharp![row] ?? null,
        framePxPerChipPx: held.chip.framePxPerChipPx,
      });
    });
    return chooseTemplateFrames(candidates, options).map((c) => ({ t: c.t, chip: this.#chips.get(c.t)!.chip }));
  }

  /** Drops every chip (the capture was abandoned or the template made). */
  clear(): void {
    this.#chips.clear();
    this.#lastRequestAt = -Infinity;
    this.#lastFrameGood = false;
  }
}
