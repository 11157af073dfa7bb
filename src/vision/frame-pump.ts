/**
 * Feeds camera frames to the landmarker, one at a time. Landmarking (35-65 ms) is slower than the
 * camera (33 ms at 30 fps) on small machines; queueing would make guidance lag further and further
 * behind the person, so frames that arrive while one is being analysed are dropped — except the
 * newest, which is taken the moment the analyser is free. Waiting for the next camera frame instead
 * halves the rate whenever landmarking takes a little over one frame interval (measured: 15 fps at
 * 33 ms per frame), and a blink's closed phase lasts only 2-4 camera frames.
 */
import type { FrameAnalysis } from './protocol.js';

/** What the pump needs from a landmarker: {@link FaceLandmarkerClient} fits, and so does a test fake. */
export interface FrameAnalyser {
  analyse(bitmap: ImageBitmap, t: number, options?: { chip?: boolean }): Promise<FrameAnalysis>;
}

/** Counters, for diagnostics and tests. */
export interface FramePumpStats {
  /** Frames turned into bitmaps and sent. */
  sent: number;
  /** Frames analysed and delivered to `onSample`. */
  analysed: number;
  /** Camera frames skipped because one was still being analysed. */
  dropped: number;
  /** Frames whose grab or analysis failed. */
  failed: number;
}

/** Called with each analysed frame, in order. */
export type FrameSampleCallback = (analysis: FrameAnalysis) => void;

/**
 * Called once when the pump stops itself because frames cannot be analysed any more: the analyser
 * was closed (AbortError) or `maxConsecutiveErrors` frames failed in a row (a dead worker).
 */
export type FramePumpErrorCallback = (error: unknown) => void;

/** Less common options of {@link FramePump}. */
export interface FramePumpOptions {
  /**
   * Called for each failed frame that did not stop the pump, with the time it was taken at; feed
   * `null` to {@link GuidanceHold} from here if dropped frames should count.
   */
  onFrameFailed?: (error: unknown, t: number) => void;
  /** Stop after this many consecutive failures (default 3): a broken worker fails every frame. */
  maxConsecutiveErrors?: number;
  /** Clock for frame timestamps in ms (default `performance.now`, so `t` compares with it). */
  now?: () => number;
  /**
   * Asked once per frame sent, with its timestamp: true to have the landmarker also cut the face's
   * aligned chip (`analysis.chip`, embedding mode). Default: never.
   */
  wantsChip?: (t: number) => boolean;
}

/** HAVE_CURRENT_DATA: the element has a frame to copy. */
const HAVE_CURRENT_DATA = 2;

/**
 * Grabs frames from a playing `<video>` (the camera stream) and analyses them.
 * Uses requestVideoFrameCallback where available (one callback per new camera frame), else
 * requestAnimationFrame with a check that the frame changed.
 */
export class FramePump {
  /** Live counters; reset by {@link start}. */
  readonly stats: FramePumpStats = { sent: 0, analysed: 0, dropped: 0, failed: 0 };

  readonly #video: HTMLVideoElement;
  readonly #analyser: FrameAnalyser;
  readonly #onSample: FrameSampleCallback;
  readonly #onError: FramePumpErrorCallback | undefined;
  readonly #options: FramePumpOptions;
  #running = false;
  /** Bumped by start/stop so results of a previous run are never delivered to a later one. */
  #generation = 0;
  /**
   * True from the grab until the analysis settles, across stop/start: a restarted pump must not put
   * a second frame in flight while the previous one is still in the worker.
   */
  #inFlight = false;
  #callbackHandle: { kind: 'video' | 'animation'; id: number } | null = null;
  #lastTimestamp = -Infinity;
  #lastVideoTime = -1;
  #consecutiveErrors = 0;
  /** When the newest camera frame that arrived during an analysis was shown; null when none did. */
  #waitingSince: number | null = null;

  /**
   * @param video a `<video>` playing the camera stream (it may still be starting: frames are taken
   *   once it has data).
   * @param analyser usually a {@link FaceLandmarkerClient}.
   * @param onSample receives every analysed frame; `analysis.t` is on the `performance.now()` clock.
   * @param onError receives the error that made the pump stop itself.
   */
  constructor(
    video: HTMLVideoElement,
    analyser: FrameAnalyser,
    onSample: FrameSampleCallback,
    onError?: FramePumpErrorCallback,
    options: FramePumpOptions = {},
  ) {
    this.#video = video;
    this.#analyser = analyser;
    this.#onSample = onSample;
    this.#onError = onError;
    this.#options = options;
  }

  /** True between {@link start} and {@link stop}. */
  get running(): boolean {
    return this.#running;
  }

  /** Starts grabbing frames. Does nothing when already running. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#generation++;
    this.#consecutiveErrors = 0;
    this.#waitingSince = null;
    Object.assign(this.stats, { sent: 0, analysed: 0, dropped: 0, failed: 0 });
    this.#schedule();
  }

  /**
   * Stops grabbing frames; a frame still in flight is not delivered. Leaves the camera alone (the
   * capture layer owns the stream). Safe to call more than once.
   */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#generation++;
    const handle = this.#callbackHandle;
    this.#callbackHandle = null;
    if (handle?.kind === 'video') this.#video.cancelVideoFrameCallback(handle.id);
    else if (handle?.kind === 'animation') cancelAnimationFrame(handle.id);
  }

  #schedule(): void {
    if (!this.#running) return;
    if (typeof this.#video.requestVideoFrameCallback === 'function') {
      this.#callbackHandle = { kind: 'video', id: this.#video.requestVideoFrameCallback(() => this.#onFrame(true)) };
    } else {
      this.#callbackHandle = { kind: 'animation', id: requestAnimationFrame(() => this.#onFrame(false)) };
    }
  }

  #onFrame(isNewFrame: boolean): void {
    if (!this.#running) return;
    this.#schedule();
    const video = this.#video;
    if (video.readyState < HAVE_CURRENT_DATA || video.videoWidth === 0) return;
    // requestAnimationFrame runs at display rate; skip repaints that show the same camera frame.
    if (!isNewFrame) {
      if (video.currentTime === this.#lastVideoTime) return;
      this.#lastVideoTime = video.currentTime;
    }
    const shownAt = this.#now();
    if (this.#inFlight) {
      // The frame stays in the <video> until the next one replaces it: remember when it came, and
      // count the one it replaces (if any) as dropped.
      if (this.#waitingSince !== null) this.stats.dropped++;
      this.#waitingSince = shownAt;
      return;
    }
    this.#grab(shownAt);
  }

  #now(): number {
    return this.#options.now ? this.#options.now() : performance.now();
  }

  #grab(shownAt: number): void {
    this.#inFlight = true;
    this.#process(this.#generation, shownAt)
      // Only a throwing callback gets here: that is the consumer's bug, so report it as uncaught.
      .catch((error: unknown) => reportError(error))
      .finally(() => {
        this.#inFlight = false;
        const waiting = this.#waitingSince;
        this.#waitingSince = null;
        if (waiting !== null && this.#running) this.#grab(waiting);
      });
  }

  async #process(generation: number, shownAt: number): Promise<void> {
    // `shownAt` is when the frame's callback ran, the nearest we get to when it was shown, also for
    // a frame taken later from the <video> (it is still the one on screen: a newer one would have
    // replaced `shownAt`). MediaPipe's VIDEO mode needs strictly increasing timestamps; a coarse
    // clock could repeat one, so step +1 ms (not less: MediaPipe rounds timestamps to whole µs).
    const t = shownAt > this.#lastTimestamp ? shownAt : this.#lastTimestamp + 1;
    this.#lastTimestamp = t;
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(this.#video);
    } catch (error) {
      if (generation === this.#generation) this.#fail(error, t);
      return;
    }
    if (generation !== this.#generation) {
      bitmap.close();
      return;
    }
    this.stats.sent++;
    let analysis: FrameAnalysis;
    try {
      analysis = await this.#analyser.analyse(bitmap, t, this.#options.wantsChip?.(t) ? { chip: true } : {});
    } catch (error) {
      if (generation === this.#generation) this.#fail(error, t);
      return;
    }
    if (generation !== this.#generation) return;
    this.#consecutiveErrors = 0;
    this.stats.analysed++;
    this.#onSample(analysis);
  }

  #fail(error: unknown, t: number): void {
    this.stats.failed++;
    this.#consecutiveErrors++;
    const closed = error instanceof DOMException && error.name === 'AbortError';
    if (closed || this.#consecutiveErrors >= (this.#options.maxConsecutiveErrors ?? 3)) {
      this.stop();
      this.#onError?.(error);
    } else {
      this.#options.onFrameFailed?.(error, t);
    }
  }
}
