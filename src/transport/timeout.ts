/**
 * Request deadlines. Every request the widget makes runs under the session's own signal (aborted
 * when the step ends or the element leaves the page) combined with a deadline, so nothing can hang.
 */

/** A signal that aborts with `signal` or, with a `TimeoutError`, after `ms`. */
export function withDeadline(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

/** True for the DOMException a deadline (AbortSignal.timeout) raises. */
export function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}
