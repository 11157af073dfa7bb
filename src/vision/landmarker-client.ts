/**
 * Main-thread handle on the landmarker worker. It turns the worker's messages into promises and
 * makes sure none of them can hang: every pending call settles on a reply, a worker crash, a timeout
 * or `close()`.
 */
import { FaceVerifyError } from '../shared/errors.js';
import { errorMessage } from '../shared/guards.js';
import { awaitReady, WorkerCalls } from '../shared/worker-calls.js';
import { resolveAssetsBase } from './assets.js';
import type {
  FrameAnalysis,
  LandmarkerDelegate,
  LandmarkerInitTimings,
  VisionErrorCode,
  WorkerRequest,
  WorkerResponse,
} from './protocol.js';

/** Options of {@link FaceLandmarkerClient.create}. */
export interface FaceLandmarkerClientOptions {
  /**
   * Folder holding `mediapipe/` and `models/` (see assets.ts). Relative URLs resolve against the
   * page; a missing trailing '/' is added.
   */
  assetsBase: string | URL;
  /** Inference backend; 'CPU' (default) is the fast one on machines without a real GPU. */
  delegate?: LandmarkerDelegate;
  /** Aborting terminates the worker and rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Give up (reject 'vision-failed') if the worker is not ready by then. Default 90 s: slow links. */
  initTimeoutMs?: number;
  /** Reject one `analyse()` call with 'vision-failed' after this long. Default 10 s. */
  frameTimeoutMs?: number;
}

/** Startup timings: the worker's steps plus the whole `create()` as seen from the page. */
export type FaceLandmarkerTimings = LandmarkerInitTimings & { totalMs: number };

/**
 * Runs MediaPipe's FaceLandmarker in a module worker.
 *
 * @example
 * const client = await FaceLandmarkerClient.create({ assetsBase: '/fv-assets/' });
 * const analysis = await client.analyse(await createImageBitmap(video), performance.now());
 * client.close();
 */
export class FaceLandmarkerClient {
  /** How long starting took; useful for diagnostics and benchmarks. */
  readonly timings: FaceLandmarkerTimings;

  readonly #worker: Worker;
  readonly #frameTimeoutMs: number;
  readonly #calls: WorkerCalls<FrameAnalysis>;

  private constructor(worker: Worker, timings: FaceLandmarkerTimings, frameTimeoutMs: number) {
    this.#worker = worker;
    this.timings = timings;
    this.#frameTimeoutMs = frameTimeoutMs;
    this.#calls = new WorkerCalls(worker, closedError);
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.#onMessage(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#calls.die(new FaceVerifyError('vision-failed', `The face-landmarking worker crashed: ${event.message || 'unknown error'}`));
    });
    worker.addEventListener('messageerror', () => {
      this.#calls.die(new FaceVerifyError('vision-failed', 'The face-landmarking worker sent a message that could not be read.'));
    });
  }

  /**
   * Starts the worker, which downloads and verifies the model and builds the landmarker.
   * @throws FaceVerifyError 'model-missing' (model not found under `assetsBase`), 'model-integrity'
   *   (wrong SHA-256), 'vision-failed' (worker or wasm could not start, or timeout);
   *   `signal.reason` when aborted; TypeError for an invalid `assetsBase`.
   */
  static async create(options: FaceLandmarkerClientOptions): Promise<FaceLandmarkerClient> {
    const { signal } = options;
    signal?.throwIfAborted();
    const pageUrl = globalThis.document?.baseURI ?? globalThis.location?.href;
    // Resolved here, against the page: inside the worker a relative URL would resolve against the
    // worker script's own location.
    const assetsBase = resolveAssetsBase(options.assetsBase, pageUrl);
    const delegate = options.delegate ?? 'CPU';
    if (delegate !== 'CPU' && delegate !== 'GPU') {
      throw new TypeError(`delegate: must be 'CPU' or 'GPU', got ${String(delegate)}`);
    }
    const started = performance.now();
    // This exact `new Worker(new URL(..., import.meta.url), { type: 'module' })` shape is what Vite
    // recognises to emit the worker as its own chunk; do not factor the URL out.
    const worker = new Worker(new URL('./landmarker.worker.ts', import.meta.url), { type: 'module' });

    const timeoutMs = options.initTimeoutMs ?? 90_000;
    const timings = await awaitReady(worker, { type: 'init', assetsBase, delegate } satisfies WorkerRequest, {
      timeoutMs,
      signal,
      readyOf: (m) => ((m as WorkerResponse).type === 'ready' ? (m as Extract<WorkerResponse, { type: 'ready' }>).timings : undefined),
      failureOf: (data) => {
        const m = data as WorkerResponse;
        return m.type === 'error' && m.id === null ? toError(m.code, m.message) : undefined;
      },
      timeoutError: () => new FaceVerifyError('vision-failed', `The face landmarker did not start within ${timeoutMs} ms (assets from ${assetsBase}).`),
      scriptError: (message) =>
        new FaceVerifyError(
          'vision-failed',
          `The face-landmarking worker failed to start${message ? `: ${message}` : ''}. Check that the worker script is served from the page origin as JavaScript.`,
        ),
    });
    return new FaceLandmarkerClient(worker, { ...timings, totalMs: performance.now() - started }, options.frameTimeoutMs ?? 10_000);
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#calls.closed;
  }

  /**
   * Landmarks one frame. The bitmap is transferred to the worker (zero-copy) and closed there; after
   * this call it is unusable in the caller. Timestamps are milliseconds and must strictly increase.
   * @param options.chip - also cut the primary face's aligned chip (`analysis.chip`), for the
   *   embedding mode.
   * @throws FaceVerifyError 'vision-failed' when the frame could not be analysed or the worker died;
   *   DOMException 'AbortError' when the client is (or gets) closed.
   */
  analyse(bitmap: ImageBitmap, t: number, options: { chip?: boolean } = {}): Promise<FrameAnalysis> {
    let sent = false;
    const result = this.#calls.call(
      this.#frameTimeoutMs,
      () => new FaceVerifyError('vision-failed', `Face landmarking took longer than ${this.#frameTimeoutMs} ms.`),
      (id) => {
        const request: WorkerRequest = { type: 'frame', id, bitmap, t, ...(options.chip ? { chip: true } : {}) };
        this.#worker.postMessage(request, [bitmap]);
        sent = true;
      },
      // A detached or closed bitmap cannot be transferred.
      (cause) => new FaceVerifyError('vision-failed', `Could not send the frame to the worker: ${errorMessage(cause)}`, { cause }),
    );
    // Not sent (closed, dead, or the transfer failed): nobody else will free its pixels.
    if (!sent) bitmap.close();
    return result;
  }

  /**
   * Stops the worker: pending `analyse()` calls reject with an AbortError, MediaPipe is asked to free
   * its memory, and the worker is terminated. Safe to call more than once.
   */
  close(): void {
    this.#calls.close({ type: 'close' } satisfies WorkerRequest);
  }

  #onMessage(message: WorkerResponse): void {
    if (message.type === 'result') {
      this.#calls.resolve(message.id, message.analysis);
    } else if (message.type === 'error') {
      const error = toError(message.code, message.message);
      if (message.fatal) this.#calls.die(error);
      else if (message.id !== null) this.#calls.reject(message.id, error);
    }
  }
}

function toError(code: VisionErrorCode, message: string): FaceVerifyError {
  return new FaceVerifyError(code, message);
}

function closedError(): DOMException {
  return new DOMException('The face landmarker was closed.', 'AbortError');
}
