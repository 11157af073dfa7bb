/**
 * The `rateLimits` option: how many sessions a client may start, and how many refused submissions a
 * client and a session may send, before they are refused with `rate-limited` for a while. The
 * defaults follow the big providers' liveness services (AWS Rekognition Face Liveness: 5 failures
 * in 3 minutes, then a cool-down).
 */
import { isRecord } from '../shared/guards.js';
import { RateLimiter, type WindowLimit } from './rate-limit.js';

/** Options of `rateLimits` in FaceVerifyServer.open; `false` turns one limit off. */
export interface RateLimitOptions {
  /**
   * Sessions (page loads) one client may start, default 60 per 60 s. Generous: a shop's page is
   * loaded a few times per visit, and one address can be an office or a carrier's NAT.
   */
  sessionsPerClient?: WindowLimit | false;
  /** Refused submissions one client may send, default 10 per 180 s (one address can carry several people). */
  failuresPerClient?: WindowLimit | false;
  /** Refused submissions one session may receive, default 5 per 180 s (AWS Face Liveness's). */
  failuresPerSession?: WindowLimit | false;
  /** Keys each limit tracks at most, 100…1 000 000 (default 10 000); beyond it the stalest is forgotten. */
  maxKeys?: number;
}

export const DEFAULT_RATE_LIMITS = {
  sessionsPerClient: { max: 60, windowSeconds: 60 },
  failuresPerClient: { max: 10, windowSeconds: 180 },
  failuresPerSession: { max: 5, windowSeconds: 180 },
  maxKeys: 10_000,
} as const;

/** The limiters of one server; null where a limit is off. */
export interface RateLimiters {
  sessionsPerClient: RateLimiter | null;
  failuresPerClient: RateLimiter | null;
  failuresPerSession: RateLimiter | null;
}

const LIMITS = ['sessionsPerClient', 'failuresPerClient', 'failuresPerSession'] as const;
const MAX_EVENTS = 10_000;
const MAX_WINDOW_S = 86_400;

/** Checks `rateLimits` (pushing problems that name the option and the fix) and makes its limiters. */
export function resolveRateLimits(value: unknown, problems: string[]): RateLimiters {
  const off: RateLimiters = { sessionsPerClient: null, failuresPerClient: null, failuresPerSession: null };
  if (value === false) return off;
  if (value !== undefined && !isRecord(value)) {
    problems.push('rateLimits: must be an object { sessionsPerClient?, failuresPerClient?, failuresPerSession?, maxKeys? }, false to turn every limit off, or omitted');
    return off;
  }
  const o = value ?? {};
  for (const key of Object.keys(o)) {
    if (!(LIMITS as readonly string[]).includes(key) && key !== 'maxKeys') problems.push(`rateLimits.${key}: not an option; the options are ${LIMITS.join(', ')} and maxKeys`);
  }
  let maxKeys: number = DEFAULT_RATE_LIMITS.maxKeys;
  if (o['maxKeys'] !== undefined) {
    const n = o['maxKeys'];
    if (!Number.isInteger(n) || (n as number) < 100 || (n as number) > 1_000_000) problems.push(`rateLimits.maxKeys: must be a whole number from 100 to 1000000, or omitted for ${DEFAULT_RATE_LIMITS.maxKeys}`);
    else maxKeys = n as number;
  }
  const limiters = { ...off };
  for (const name of LIMITS) {
    const limit = windowLimit(o[name], name, problems);
    if (limit) limiters[name] = new RateLimiter(limit, maxKeys);
  }
  return limiters;
}

function windowLimit(value: unknown, name: (typeof LIMITS)[number], problems: string[]): WindowLimit | null {
  const fallback = DEFAULT_RATE_LIMITS[name];
  if (value === false) return null;
  if (value === undefined) return fallback;
  const usage = `rateLimits.${name}: must be { max, windowSeconds } (default { max: ${fallback.max}, windowSeconds: ${fallback.windowSeconds} }) or false to turn it off`;
  if (!isRecord(value)) {
    problems.push(usage);
    return fallback;
  }
  const { max, windowSeconds } = value;
  let ok = true;
  if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > MAX_EVENTS) {
    problems.push(`rateLimits.${name}.max: must be a whole number of events from 1 to ${MAX_EVENTS} (default ${fallback.max})`);
    ok = false;
  }
  if (!Number.isInteger(windowSeconds) || (windowSeconds as number) < 1 || (windowSeconds as number) > MAX_WINDOW_S) {
    problems.push(`rateLimits.${name}.windowSeconds: must be a whole number of seconds from 1 to ${MAX_WINDOW_S} (default ${fallback.windowSeconds})`);
    ok = false;
  }
  return ok ? { max: max as number, windowSeconds: windowSeconds as number } : fallback;
}
