/**
 * The `manifest` / `manifests` options: one consent notice, or the same notice in several languages.
 * Translations may differ only in wording: a person reading any of them must agree to the same
 * processing (mode, controller, retention, erasure), or a receipt would not say what was agreed.
 */
import { canonicalHash } from '../shared/canonical-json.js';
import { matchLocale } from '../shared/locale-match.js';
import { validateManifest, type ConsentManifest } from '../shared/manifest.js';

/** The fields every translation of the notice must share, with how to read each. */
const SHARED: [string, (m: ConsentManifest) => unknown][] = [
  ['mode', (m) => m.mode],
  ['controller', (m) => canonicalHash(m.controller)],
  ['retention.days', (m) => m.retention.days],
  ['erasureUrl', (m) => m.erasureUrl],
];

/**
 * The configured notices, fallback first, after pushing every problem onto `problems` (then the
 * result is not to be used).
 */
export function manifestList(manifest: unknown, manifests: unknown, problems: string[]): ConsentManifest[] {
  if (manifests === undefined) {
    const check = validateManifest(manifest);
    if (!check.ok) problems.push(...check.problems.map((p) => `manifest.${p}`));
    return [manifest as ConsentManifest];
  }
  if (manifest !== undefined) {
    problems.push('manifest, manifests: give one of them (manifests for a notice in several languages, its first one the fallback)');
    return [];
  }
  if (!Array.isArray(manifests) || manifests.length === 0) {
    problems.push('manifests: must be a non-empty array of consent manifests, one per locale (or use `manifest` for one notice)');
    return [];
  }
  let valid = true;
  manifests.forEach((m, i) => {
    const check = validateManifest(m);
    if (!check.ok) {
      valid = false;
      problems.push(...check.problems.map((p) => `manifests[${i}].${p}`));
    }
  });
  if (!valid) return [];
  const list = manifests as ConsentManifest[];
  const first = list[0]!;
  const seen = new Map<string, number>();
  list.forEach((m, i) => {
    const locale = m.locale.toLowerCase();
    const earlier = seen.get(locale);
    if (earlier !== undefined) problems.push(`manifests[${i}].locale: "${m.locale}" is also manifests[${earlier}]'s locale; give one notice per locale`);
    else seen.set(locale, i);
    if (i === 0) return;
    for (const [field, read] of SHARED) {
      if (read(m) !== read(first)) {
        problems.push(`manifests[${i}].${field}: must equal manifests[0].${field}; translations of the notice may differ only in wording, not in what the person agrees to`);
      }
    }
  });
  return list;
}

/** Most requested languages read from a session request: more says nothing a person would mean. */
export const MAX_SESSION_LANGUAGES = 10;
/** Longest language tag read from a session request (RFC 5646 §4.4.1 advises supporting 35). */
export const MAX_SESSION_LANGUAGE_LENGTH = 35;

/**
 * The widget's requested languages, from an untrusted body. Like Accept-Language they are advisory,
 * so anything malformed is dropped rather than refused: a session is never lost over a hint.
 */
export function sessionLanguages(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_SESSION_LANGUAGE_LENGTH)
    .slice(0, MAX_SESSION_LANGUAGES);
}

/** The notice closest to `languages` (most preferred first), else the first one configured. */
export function noticeFor<T extends { manifest: ConsentManifest }>(notices: readonly T[], languages: readonly string[]): T {
  const tag = matchLocale(languages, notices.map((n) => n.manifest.locale));
  return notices.find((n) => n.manifest.locale === tag) ?? notices[0]!;
}
