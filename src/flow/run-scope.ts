/**
 * The one abort discipline every flow controller uses, after lit's `@lit/task`: each run gets its
 * own AbortSignal; starting a new run, or the host leaving the page, aborts the previous one; and a
 * result that arrives after its run was aborted never touches state — what it holds (a camera
 * stream, a worker) is handed to `dispose` instead of being kept.
 *
 * Invariant: code inside a run reads or writes controller state only right after `run.settle()`
 * (or `run.live`) said the run is still current.
 */

/** The handle a task receives. */
export interface Run {
  readonly signal: AbortSignal;
  /** False once the run was aborted (superseded, cancelled or the host disconnected). */
  readonly live: boolean;
  /**
   * Awaits `work`. If the run was aborted meanwhile, `dispose` frees the late value and the run stops
   * with the abort reason; a rejection of `work` after the abort is swallowed the same way.
   */
  settle<T>(work: Promise<T>, dispose?: (value: T) => void): Promise<T>;
}

export class RunScope {
  #current: AbortController | null = null;

  /** Aborts the current run, if any, and starts a new one. */
  start(): Run {
    this.abort('superseded by a new run');
    const controller = new AbortController();
    this.#current = controller;
    const signal = controller.signal;
    return {
      signal,
      get live() {
        return !signal.aborted;
      },
      async settle<T>(work: Promise<T>, dispose?: (value: T) => void): Promise<T> {
        let value: T;
        try {
          value = await work;
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          throw error;
        }
        if (signal.aborted) {
          dispose?.(value);
          throw signal.reason;
        }
        return value;
      },
    };
  }

  /** Aborts the current run (idempotent). */
  abort(why = 'cancelled'): void {
    this.#current?.abort(new DOMException(`The run was ${why}.`, 'AbortError'));
    this.#current = null;
  }

  /** Runs `task` in a new run; its failure goes to `onError` unless the run was aborted by then. */
  async run(task: (run: Run) => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    const run = this.start();
    try {
      await task(run);
    } catch (error) {
      if (run.live && !isAbortError(error)) onError(error);
    }
  }
}

/** True for the AbortError a run (or fetch) rejects with when it is aborted. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
