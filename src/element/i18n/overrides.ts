/**
 * The operator's own wording over a locale's: `strings` on the element, e.g.
 * `{ en: { consent: { continue: 'Start the check' } }, vi: { consent: { continue: 'Bắt đầu' } } }`.
 * Keyed by the registered tag the element chose ('pt-BR', not 'pt'), since a replacement string is
 * always in one language.
 */
import type { Translation } from './translation.js';

/** `T` with every key optional, at every depth; a function (a string with numbers or names in it) is replaced whole. */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** Per registered locale tag, the strings to use instead of that locale's own. */
export type StringOverrides = Readonly<Record<string, DeepPartial<Translation>>>;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function mergeNode(base: Record<string, unknown>, override: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    const at = `${path}.${key}`;
    const current = base[key];
    if (isRecord(current)) {
      if (!isRecord(value)) throw new TypeError(`${at} must be an object of strings like the locale's, got ${typeof value}`);
      out[key] = mergeNode(current, value, at);
    } else if (current !== undefined && typeof value !== typeof current) {
      throw new TypeError(`${at} must be a ${typeof current} like the locale's${typeof current === 'function' ? ' (it takes the same arguments)' : ''}, got ${typeof value}`);
    } else if (typeof value !== 'string' && typeof value !== 'function') {
      throw new TypeError(`${at} must be a string or a function returning one, got ${typeof value}`);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * `base` with `override`'s strings in place of its own; `base` is not changed.
 * @param path Names the override in errors, e.g. `strings["vi"]`.
 * @throws TypeError naming the key when an override is of another kind than the string it replaces.
 */
export function mergeStrings(base: Translation, override: DeepPartial<Translation> | undefined, path = 'strings'): Translation {
  if (override === undefined) return base;
  if (!isRecord(override)) throw new TypeError(`${path} must be an object of strings, got ${override === null ? 'null' : typeof override}`);
  return mergeNode(base as unknown as Record<string, unknown>, override, path) as unknown as Translation;
}
