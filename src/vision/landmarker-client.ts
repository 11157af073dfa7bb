/**
 * Main-thread handle on the landmarker worker. It turns the worker's messages into promises and
 * makes sure none of them can hang: every pending call settles on a reply, a worker crash, a timeout
 * or `close()`.
 */
import { FaceVerifyError } from '../shared/errors.js';
import { errorMessage } from '../shared/guards.js';
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

interface Pending {
  resolve: (analysis: FrameAnalysis) => void;
  reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** How long a closing worker may take to free MediaPipe before it is terminated anyway. */
const CLOSE_GRACE_MS = 250;

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
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;
  /** Set when the worker can no longer analyse frames; later calls reject with it at once. */
  #fatal: FaceVerifyError | null = null;

  private constructor(worker: Worker, timings: FaceLandmarkerTimings, frameTimeoutMs: number) {
    this.#worker = worker;
    this.timings = timings;
    this.#frameTimeoutMs = frameTimeoutMs;
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.#onMessage(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#die(new FaceVerifyError('vision-failed', `The face-landmarking worker crashed: ${event.message || 'unknown error'}`));
    });
    worker.addEventListener('messageerror', () => {
      this.#die(new FaceVerifyError('vision-failed', 'The face-landmarking worker sent a message that could not be read.'));
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

    let cleanup = (): void => {};
    try {
      const timings = await new Promise<LandmarkerInitTimings>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new FaceVerifyError(
                'vision-failed',
                `The face landmarker did not start within ${options.initTimeoutMs ?? 90_000} ms ` +
                  `(assets from ${assetsBase}).`,
              ),
            ),
          options.initTimeoutMs ?? 90_000,
        );
        const onMessage = (event: MessageEvent<WorkerResponse>): void => {
          const message = event.data;
          if (message.type === 'ready') resolve(message.timings);
          else if (message.type === 'error' && message.id === null) reject(toError(message.code, message.message));
        };
        const onError = (event: ErrorEvent): void => {
          event.preventDefault();
          reject(
            new FaceVerifyError(
              'vision-failed',
              'The face-landmarking worker failed to start' +
                (event.message ? `: ${event.message}` : '') +
                '. Check that the worker script is served from the page origin as JavaScript.',
            ),
          );
        };
        const onAbort = (): void => reject(signal!.reason);
        worker.addEventListener('message', onMessage);
        worker.addEventListener('error', onError);
        signal?.addEventListener('abort', onAbort, { once: true });
        cleanup = () => {
          clearTimeout(timer);
          worker.removeEventListener('message', onMessage);
          worker.removeEventListener('error', onError);
          signal?.removeEventListener('abort', onAbort);
        };
        worker.postMessage({ type: 'init', assetsBase, delegate } satisfies WorkerRequest);
      });
      cleanup();
      return new FaceLandmarkerClient(
        worker,
        { ...timings, totalMs: performance.now() - started },
        options.frameTimeoutMs ?? 10_000,
      );
    } catch (error) {
      cleanup();
      worker.terminate();
      throw error;
    }
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Landmarks one frame. The bitmap is transferred to the worker (zero-copy) and closed there; after
   * this call it is unusable in the caller. Timestamps are milliseconds and must strictly increase.
   * @throws FaceVerifyError 'vision-failed' when the frame could not be analysed or the worker died;
   *   DOMException 'AbortError' when the client is (or gets) closed.
   */
  analyse(bitmap: ImageBitmap, t: number): Promise<FrameAnalysis> {
    if (this.#closed || this.#fatal) {
      bitmap.close();
      return Promise.reject(this.#closed ? closedError() : this.#fatal);
    }
    const id = this.#nextId++;
    return new Promise<FrameAnalysis>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new FaceVerifyError('vision-failed', `Face landmarking took longer than ${this.#frameTimeoutMs} ms.`));
      }, this.#frameTimeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      try {
        this.#worker.postMessage({ type: 'frame', id, bitmap, t } satisfies WorkerRequest, [bitmap]);
      } catch (cause) {
        // A detached or closed bitmap cannot be transferred.
        this.#settle(id)?.reject(new FaceVerifyError('vision-failed', `Could not send the frame to the worker: ${errorMessage(cause)}`, { cause }));
        bitmap.close();
      }
    });
  }

  /**
   * Stops the worker: pending `analyse()` calls reject with an AbortError, MediaPipe is asked to free
   * its memory, and the worker is terminated. Safe to call more than once.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rejectAll(closedError());
    if (this.#fatal) {
      this.#worker.terminate();
      return;
    }
    // Let the worker free the landmarker (GL contexts, wasm heap) itself, but never wait long.
    const timer = setTimeout(() => this.#worker.terminate(), CLOSE_GRACE_MS);
    this.#worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      if (event.data.type === 'closed') {
        clearTimeout(timer);
        this.#worker.terminate();
      }
    });
    this.#worker.postMessage({ type: 'close' } satisfies WorkerRequest);
  }

  #onMessage(message: WorkerResponse): void {
    if (message.type === 'result') {
      this.#settle(message.id)?.resolve(message.analysis);
    } else if (message.type === 'error') {
      const error = toError(message.code, message.message);
      if (message.fatal) this.#die(error);
      else if (message.id !== null) this.#settle(message.id)?.reject(error);
    }
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined; // timed out or rejected by close(); a late reply is dropped
    clearTimeout(pending.timer);
    this.#pending.delete(id);
    return pending;
  }

  #die(error: FaceVerifyError): void {
    if (this.#fatal || this.#closed) return;
    this.#fatal = error;
    this.#rejectAll(error);
    this.#worker.terminate();
  }

  #rejectAll(error: unknown): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(error);
  }
}

function toError(code: VisionErrorCode, message: string): FaceVerifyError {
  return new FaceVerifyError(code, message);
}

function closedError(): DOMException {
  return new DOMException('The face landmarker was closed.', 'AbortError');
}
