/** Small assertion helpers for browser tests; messages name what was checked. */
import { isFaceVerifyError, type FaceVerifyErrorCode } from '../../../src/shared/errors.js';

export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

/** Throws unless `condition` is truthy. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Throws unless `actual === expected`. */
export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) {
    throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Awaits `promise` and throws unless it rejects with a FaceVerifyError of `code`; returns the error. */
export async function assertRejectsWithCode(promise: Promise<unknown>, code: FaceVerifyErrorCode, what: string): Promise<Error> {
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    settled = { ok: true, value: await promise };
  } catch (error) {
    settled = { ok: false, error };
  }
  if (settled.ok) throw new AssertionError(`${what}: expected a rejection with code '${code}', but it resolved`);
  const { error } = settled;
  if (!isFaceVerifyError(error, code)) {
    const got = error instanceof Error ? `${error.name}(${(error as { code?: string }).code ?? ''}): ${error.message}` : String(error);
    throw new AssertionError(`${what}: expected FaceVerifyError '${code}', got ${got}`);
  }
  return error;
}

/** Median and 95th percentile of `values` (nearest-rank). */
export function quantiles(values: readonly number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}
