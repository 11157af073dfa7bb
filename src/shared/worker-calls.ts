/**
 * The promise bookkeeping both worker clients (the landmarker's, the face descriptor's) need, so
 * that no call can hang: each pending call settles on its reply, its own timeout, the worker's death
 * or `close()`, and the worker is terminated on every exit path. Plain promise code over a minimal
 * worker shape, so it is tested in Node.
 */

/** The parts of a `Worker` this needs. */
export interface WorkerHandle {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** How long a closing worker may take to free its memory before it is terminated anyway. */
export const CLOSE_GRACE_MS = 250;

/**
 * Calls in flight to one worker, by id.
 * @typeParam T - what a call resolves with.
 */
export class WorkerCalls<T> {
  readonly #worker: WorkerHandle;
  readonly #pending = new Map<number, Pending<T>>();
  #nextId = 1;
  #closed = false;
  #fatal: Error | null = null;
  readonly #closedError: () => Error;

  /**
   * @param closedError - what pending and later calls reject with once closed (an AbortError).
   */
  constructor(worker: WorkerHandle, closedError: () => Error) {
    this.#worker = worker;
    this.#closedError = closedError;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Starts a call: `send(id)` posts the request; the promise settles through {@link resolve} or
   * {@link reject} with that id, or rejects with `timeoutError()` after `timeoutMs`. If `send`
   * throws, the call rejects with `sendError(cause)`.
   */
  call(timeoutMs: number, timeoutError: () => Error, send: (id: number) => void, sendError: (cause: unknown) => Error): Promise<T> {
    if (this.#closed || this.#fatal) return Promise.reject(this.#closed ? this.#closedError() : this.#fatal);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(timeoutError());
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      try {
        send(id);
      } catch (cause) {
        this.#take(id)?.reject(sendError(cause));
      }
    });
  }

  /** Settles call `id` with its result; a late reply (timed out, or after close) is dropped. */
  resolve(id: number, value: T): void {
    this.#take(id)?.resolve(value);
  }

  /** Rejects call `id`; dropped like {@link resolve} when it is no longer pending. */
  reject(id: number, error: unknown): void {
    this.#take(id)?.reject(error);
  }

  /** The worker can do no more: every pending and later call rejects with `error`; it is terminated. */
  die(error: Error): void {
    if (this.#fatal || this.#closed) return;
    this.#fatal = error;
    this.#rejectAll(error);
    this.#worker.terminate();
  }

  /**
   * Rejects everything pending with `closedError()`, then asks the worker to free its memory
   * (`closeMessage`) and terminates it on its `{ type: 'closed' }` reply or after CLOSE_GRACE_MS,
   * whichever comes first. Idempotent.
   */
  close(closeMessage: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rejectAll(this.#closedError());
    if (this.#fatal) {
      this.#worker.terminate();
      return;
    }
    const timer = setTimeout(() => this.#worker.terminate(), CLOSE_GRACE_MS);
    this.#worker.addEventListener('message', (event: MessageEvent) => {
      if ((event.data as { type?: unknown } | null)?.type === 'closed') {
        clearTimeout(timer);
        this.#worker.terminate();
      }
    });
    this.#worker.postMessage(closeMessage);
  }

  #take(id: number): Pending<T> | undefined {
    const pending = this.#pending.get(id);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.#pending.delete(id);
    return pending;
  }

  #rejectAll(error: unknown): void {
    for (const id of [...this.#pending.keys()]) this.#take(id)?.reject(error);
  }
}

/** A worker as {@link awaitReady} needs it. */
export interface StartingWorker extends WorkerHandle {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

/** How {@link awaitReady} reads the worker's replies and words its failures. */
export interface ReadyOptions<R> {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** The reply meaning "ready", or undefined for any other message. */
  readyOf: (data: unknown) => R | undefined;
  /** The error a start-up failure reply stands for, or undefined for any other message. */
  failureOf: (data: unknown) => Error | undefined;
  timeoutError: () => Error;
  /** The error for the worker script itself failing (its `error` event), given the event's message. */
  scriptError: (message: string) => Error;
}

/**
 * Posts `initMessage` and waits for the worker's ready reply. On a failure reply, the script's
 * `error` event, the timeout or `signal` aborting, the worker is terminated and the error thrown
 * (`signal.reason` for an abort).
 */
export async function awaitReady<R>(worker: StartingWorker, initMessage: unknown, options: ReadyOptions<R>): Promise<R> {
  let cleanup = (): void => {};
  try {
    const ready = await new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => reject(options.timeoutError()), options.timeoutMs);
      const onMessage = (event: MessageEvent): void => {
        const isReady = options.readyOf(event.data);
        if (isReady !== undefined) resolve(isReady);
        const failure = options.failureOf(event.data);
        if (failure) reject(failure);
      };
      const onError = (event: ErrorEvent): void => {
        event.preventDefault();
        reject(options.scriptError(event.message ?? ''));
      };
      const onAbort = (): void => reject(options.signal!.reason);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      cleanup = () => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        options.signal?.removeEventListener('abort', onAbort);
      };
      worker.postMessage(initMessage);
    });
    cleanup();
    return ready;
  } catch (error) {
    cleanup();
    worker.terminate();
    throw error;
  }
}
