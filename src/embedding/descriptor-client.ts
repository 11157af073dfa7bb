/**
 * Main-thread handle on the descriptor worker. Every call settles: on the worker's reply, its crash,
 * a timeout or `close()`; the worker is terminated on every exit path.
 */
import { FaceVerifyError } from '../shared/errors.js';
import { errorMessage } from '../shared/guards.js';
import { awaitReady, WorkerCalls } from '../shared/worker-calls.js';
import type { DescriptorInitTimings, DescriptorRequest, DescriptorResponse, EmbeddingErrorCode } from './protocol.js';

/** Options of {@link FaceDescriptorClient.create}. */
export interface FaceDescriptorClientOptions {
  /** Absolute URL of the folder holding `models/` and `tfjs/` (see assets.ts), ending in '/'. */
  assetsBase: string;
  /** Aborting terminates the worker and rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Reject 'embedding-failed' if the worker is not ready by then. Default 90 s: slow links. */
  initTimeoutMs?: number;
  /** Reject one `describe()` with 'embedding-failed' after this long. Default 20 s. */
  describeTimeoutMs?: number;
}

/** What starting cost, and what the worker runs on. */
export interface FaceDescriptorInfo {
  timings: DescriptorInitTimings & { totalMs: number };
  backend: string;
  simd: boolean;
}

/**
 * @example
 * const client = await FaceDescriptorClient.create({ assetsBase: 'https://shop.example/fv-assets/' });
 * const { descriptors } = await client.describe([chip]); // chip: 150·150·3 RGB bytes
 * client.close();
 */
export class FaceDescriptorClient {
  readonly info: FaceDescriptorInfo;
  readonly #worker: Worker;
  readonly #describeTimeoutMs: number;
  readonly #calls: WorkerCalls<{ descriptors: Float32Array[]; ms: number }>;

  private constructor(worker: Worker, info: FaceDescriptorInfo, describeTimeoutMs: number) {
    this.#worker = worker;
    this.info = info;
    this.#describeTimeoutMs = describeTimeoutMs;
    this.#calls = new WorkerCalls(worker, closedError);
    worker.addEventListener('message', (event: MessageEvent<DescriptorResponse>) => this.#onMessage(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#calls.die(new FaceVerifyError('embedding-failed', `The face-template worker crashed: ${event.message || 'unknown error'}`));
    });
  }

  /**
   * Starts the worker: it downloads and checks the weights and starts the wasm backend.
   * @throws FaceVerifyError 'model-missing' | 'model-integrity' (weights), 'embedding-failed'
   *   (worker or wasm could not start, or timeout); `signal.reason` when aborted; TypeError when
   *   `assetsBase` is not an absolute URL.
   */
  static async create(options: FaceDescriptorClientOptions): Promise<FaceDescriptorClient> {
    const { signal } = options;
    signal?.throwIfAborted();
    let base: URL;
    try {
      base = new URL(options.assetsBase);
    } catch (cause) {
      throw new TypeError(`assetsBase: must be an absolute URL (resolve it against the page first), got "${options.assetsBase}"`, { cause });
    }
    if (!base.pathname.endsWith('/')) throw new TypeError(`assetsBase: must end in '/', got "${options.assetsBase}"`);
    const started = performance.now();
    const timeoutMs = options.initTimeoutMs ?? 90_000;
    // The `new Worker(new URL(..., import.meta.url), { type: 'module' })` shape is what Vite emits as
    // its own chunk, so tfjs is downloaded only when this runs.
    const worker = new Worker(new URL('./descriptor.worker.ts', import.meta.url), { type: 'module' });
    const ready = await awaitReady(worker, { type: 'init', assetsBase: base.href } satisfies DescriptorRequest, {
      timeoutMs,
      signal,
      readyOf: (m) => ((m as DescriptorResponse).type === 'ready' ? (m as Extract<DescriptorResponse, { type: 'ready' }>) : undefined),
      failureOf: (data) => {
        const m = data as DescriptorResponse;
        return m.type === 'error' && m.id === null ? new FaceVerifyError(m.code, m.message) : undefined;
      },
      timeoutError: () => new FaceVerifyError('embedding-failed', `The face-template worker did not start within ${timeoutMs} ms (assets from ${base.href}).`),
      scriptError: (message) => new FaceVerifyError('embedding-failed', `The face-template worker failed to start${message ? `: ${message}` : ''}. Check that the worker script is served from the page origin as JavaScript.`),
    });
    const info = { timings: { ...ready.timings, totalMs: performance.now() - started }, backend: ready.backend, simd: ready.simd };
    return new FaceDescriptorClient(worker, info, options.describeTimeoutMs ?? 20_000);
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#calls.closed;
  }

  /**
   * Raw descriptors of aligned chips (the chips are transferred: unusable here afterwards).
   * @throws FaceVerifyError 'embedding-failed'; DOMException 'AbortError' once closed.
   */
  describe(chips: Uint8Array[]): Promise<{ descriptors: Float32Array[]; ms: number }> {
    return this.#calls.call(
      this.#describeTimeoutMs,
      () => new FaceVerifyError('embedding-failed', `Making the face template took longer than ${this.#describeTimeoutMs} ms.`),
      (id) => this.#worker.postMessage({ type: 'describe', id, chips } satisfies DescriptorRequest, chips.map((c) => c.buffer as ArrayBuffer)),
      (cause) => new FaceVerifyError('embedding-failed', `Could not send the face chips to the worker: ${errorMessage(cause)}`, { cause }),
    );
  }

  /** Stops the worker (it frees the weights first, but is never waited on for long). Idempotent. */
  close(): void {
    this.#calls.close({ type: 'close' } satisfies DescriptorRequest);
  }

  #onMessage(m: DescriptorResponse): void {
    if (m.type === 'descriptors') this.#calls.resolve(m.id, { descriptors: m.descriptors, ms: m.ms });
    else if (m.type === 'error') {
      const error = new FaceVerifyError(m.code satisfies EmbeddingErrorCode, m.message);
      if (m.fatal) this.#calls.die(error);
      else if (m.id !== null) this.#calls.reject(m.id, error);
    }
  }
}

function closedError(): DOMException {
  return new DOMException('The face-template worker was closed.', 'AbortError');
}
