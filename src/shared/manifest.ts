/**
 * The consent manifest: what the person is told before anything is captured. The operator writes it
 * once; the server hashes it into every challenge and the widget shows it verbatim, so the notice the
 * person agreed to is provable from the consent receipt.
 */
import { isRecord } from './guards.js';

export type VerificationMode = 'clip' | 'embedding';

export const VERIFICATION_MODES: readonly VerificationMode[] = ['clip', 'embedding'];

/** A right the person holds over their data and how they exercise it. */
export interface ManifestRight {
  /** Which right, e.g. "access", "erasure", "withdrawal", "human review". */
  right: string;
  /** How to exercise it, in plain words (a link or an address where that helps). */
  how: string;
}

export interface ConsentManifest {
  /** Version of this notice text, chosen by the operator; goes into the consent receipt. */
  version: string;
  /** The organisation that decides why and how the data is processed (the marketplace). */
  controller: { name: string; contact: string };
  /** Anyone processing the data on the controller's behalf; may be empty. */
  processors: { name: string; role: string }[];
  /** The specific purpose, e.g. "confirm you are a real person who does not already hold a seller account". */
  purpose: string;
  /** What is captured: a 5-second clip, or a face template computed on the device. */
  mode: VerificationMode;
  /** How long the data is kept, in days, and what happens then. */
  retention: { days: number; description: string };
  /** Who receives the data. */
  recipients: string[];
  /** The operator's statement that the data is not sold or shared for other purposes. */
  notSold: string;
  /** The person's rights and how to use them. */
  rights: ManifestRight[];
  /** The full privacy policy. */
  policyUrl: string;
  /** Where the person erases their data later (the receipt adds its id and token). */
  erasureUrl: string;
  /** The way to be verified without this check; shown next to the decline control. */
  alternative: { description: string; url?: string };
  /** BCP 47 language tag of the notice text. */
  locale: string;
}

/** The result of {@link validateManifest}: the manifest, or every problem found. */
export type ManifestValidation =
  | { ok: true; manifest: ConsentManifest }
  | { ok: false; problems: string[] };

/** Longest retention accepted: BIPA's three-year outer limit. */
export const MAX_RETENTION_DAYS = 3 * 365;

/**
 * Checks every field of a consent manifest. Nothing is defaulted: a notice with a gap is a notice
 * the person cannot rely on, so each missing or invalid field is reported by its path.
 */
export function validateManifest(input: unknown): ManifestValidation {
  const problems: string[] = [];
  if (!isRecord(input)) return { ok: false, problems: ['manifest: must be an object'] };
  const m = input;

  text(m, 'version', problems);
  if (requireRecord(m, 'controller', problems)) {
    const c = m['controller'] as Record<string, unknown>;
    text(c, 'name', problems, 'controller.name');
    text(c, 'contact', problems, 'controller.contact');
  }
  if (!Array.isArray(m['processors'])) {
    problems.push('processors: must be an array (empty if there are none)');
  } else {
    m['processors'].forEach((p, i) => {
      if (!isRecord(p)) return void problems.push(`processors[${i}]: must be an object`);
      text(p, 'name', problems, `processors[${i}].name`);
      text(p, 'role', problems, `processors[${i}].role`);
    });
  }
  text(m, 'purpose', problems);
  if (!VERIFICATION_MODES.includes(m['mode'] as VerificationMode)) {
    problems.push(`mode: must be one of ${VERIFICATION_MODES.join(', ')}`);
  }
  if (requireRecord(m, 'retention', problems)) {
    const r = m['retention'] as Record<string, unknown>;
    const days = r['days'];
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
      problems.push(`retention.days: must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
    }
    text(r, 'description', problems, 'retention.description');
  }
  if (!Array.isArray(m['recipients']) || m['recipients'].length === 0 || !m['recipients'].every(isText)) {
    problems.push('recipients: must be a non-empty array of names');
  }
  text(m, 'notSold', problems);
  if (!Array.isArray(m['rights']) || m['rights'].length === 0) {
    problems.push('rights: must list at least one right and how to use it');
  } else {
    m['rights'].forEach((r, i) => {
      if (!isRecord(r)) return void problems.push(`rights[${i}]: must be an object`);
      text(r, 'right', problems, `rights[${i}].right`);
      text(r, 'how', problems, `rights[${i}].how`);
    });
  }
  url(m, 'policyUrl', problems);
  url(m, 'erasureUrl', problems);
  // The erasure link puts the receipt and its token in the fragment (never sent to a server).
  if (typeof m['erasureUrl'] === 'string' && m['erasureUrl'].includes('#')) {
    problems.push('erasureUrl: must not have a fragment (#…): the erasure link adds #receipt=…&token=… itself');
  }
  if (requireRecord(m, 'alternative', problems)) {
    const a = m['alternative'] as Record<string, unknown>;
    text(a, 'description', problems, 'alternative.description');
    if (a['url'] !== undefined) url(a, 'url', problems, 'alternative.url');
  }
  if (typeof m['locale'] !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(m['locale'])) {
    problems.push('locale: must be a BCP 47 language tag such as "en" or "en-GB"');
  }
  return problems.length ? { ok: false, problems } : { ok: true, manifest: input as unknown as ConsentManifest };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function text(obj: Record<string, unknown>, key: string, problems: string[], path = key): void {
  if (!isText(obj[key])) problems.push(`${path}: must be a non-empty string`);
}

function url(obj: Record<string, unknown>, key: string, problems: string[], path = key): void {
  const value = obj[key];
  // Relative URLs are allowed: a host usually points at its own pages.
  if (!isText(value) || !URL.canParse(value, 'https://host.invalid/')) {
    problems.push(`${path}: must be a URL (absolute, or relative to the host page)`);
  } else if (/^\s*(javascript|data):/i.test(value)) {
    problems.push(`${path}: must be an http(s) or relative URL`);
  }
}

function requireRecord(obj: Record<string, unknown>, key: string, problems: string[]): boolean {
  if (isRecord(obj[key])) return true;
  problems.push(`${key}: must be an object`);
  return false;
}
