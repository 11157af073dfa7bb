/**
 * Options of {@link FaceVerifyServer.open}, checked all at once so a misconfigured host learns every
 * problem in one start-up error instead of one per restart.
 */
import { hkdfSync } from 'node:crypto';
import { calculateJwkThumbprint, importJWK } from 'jose';
import { fromBase64Url, utf8 } from '../shared/bytes.js';
import { canonicalHash } from '../shared/canonical-json.js';
import type { ConsentManifest, VerificationMode } from '../shared/manifest.js';
import { manifestList } from './manifest-options.js';
import { EVIDENCE_MAX_BYTES } from '../shared/evidence.js';
import { CLIP_BITS_PER_SECOND } from '../shared/limits.js';
import { isBytes, isRecord } from '../shared/guards.js';
import type { OperatorPublicJwk } from '../shared/wire.js';
import { privateKeyFromJwk, publicJwkFromPrivate, type OperatorPrivateJwk } from '../crypto/operator-key.js';
import { isSqlDatabase, type SqlDatabase } from './database.js';
import { fail } from './fail.js';
import { operatorKeyProblems, signingKeyProblems, type SigningPrivateJwk, type SigningPublicJwk } from './keys.js';
import { resolveLiveness, type LivenessOptions, type ResolvedLiveness } from './liveness-options.js';
import { resolveTemplates, type ResolvedTemplates, type TemplateOptions } from './template-options.js';
import { resolveRateLimits, type RateLimiters, type RateLimitOptions } from './rate-limit-options.js';

/** How long the person may read the notice before agreeing, by default, in seconds. */
export const DEFAULT_SESSION_TTL_S = 3600;
/** Default time from issuing a challenge to the latest start of recording, in seconds. */
export const DEFAULT_CAPTURE_WINDOW_S = 120;
/** Longest capture window a server may set: the nonce must stay fresh. */
export const MAX_CAPTURE_WINDOW_S = 300;
/** Default time the person may spend on the review after recording, in seconds. */
export const DEFAULT_REVIEW_WINDOW_S = 600;
/** Longest review window a server may set. */
export const MAX_REVIEW_WINDOW_S = 1800;
/** Longest clip a server may allow: the trace holds at most 600 frames, 20 s at 30 fps. */
export const MAX_CLIP_MS = 20_000;
/** Recorders overshoot their cap on busy scenes; measured clips stayed under 1.1× (README "Measured"). */
const BITRATE_HEADROOM = 2.5;

/**
 * The default cap on the sealed part for a clip of `clipMs`: the clip at 2.5× the recorder's
 * bitrate cap, plus the largest evidence and the container and HPKE overhead. About 1 MiB for 5 s.
 */
export function defaultMaxSealedBytes(clipMs: number): number {
  return Math.ceil((clipMs / 1000) * (CLIP_BITS_PER_SECOND / 8) * BITRATE_HEADROOM) + EVIDENCE_MAX_BYTES + 1024;
}
/** Shortest erasure secret accepted, in bytes. */
export const MIN_ERASURE_SECRET_BYTES = 32;

/** Options of {@link FaceVerifyServer.open}. */
export interface FaceVerifyServerOptions {
  /**
   * Where sessions and sealed submissions are stored: an open {@link SqlDatabase} (the host keeps
   * ownership and closes it), `{ dataDir }` for an embedded PGlite database the server opens and
   * closes itself (`'memory://'` for a throwaway one), or `{ url }` for a PostgreSQL server with
   * pgvector (`postgres://…`, e.g. `process.env.DATABASE_URL`), which several servers may share.
   */
  database: SqlDatabase | { dataDir: string } | { url: string };
  /** Ed25519 private JWK that signs challenge tokens (see `generateSigningKey`). */
  signingKey: SigningPrivateJwk | JsonWebKey;
  /** Operator X25519 private JWKs; the first is current, the rest still open older blobs. */
  operatorKeys: OperatorPrivateJwk[];
  /** The consent notice shown in every session; `manifest.mode` is the session mode. */
  manifest?: ConsentManifest;
  /**
   * Instead of `manifest`: the same notice in several languages, one per `locale` (the first is the
   * fallback). They must share `mode`, `controller`, `retention.days` and `erasureUrl`: only the
   * wording may differ. Each session shows the one closest to the widget's requested languages.
   */
  manifests?: ConsentManifest[];
  /** `iss` of session and challenge tokens, e.g. the host's origin. */
  issuer: string;
  /** Where the widget asks for a capture challenge (absolute, or relative to the session URL). */
  challengeUrl: string;
  /** Where the widget posts submissions (absolute, or relative to the session URL). */
  submitUrl: string;
  /**
   * HMAC key of erasure tokens (at least 32 bytes; a string is UTF-8 encoded). Defaults to a key
   * derived from the signing key with HKDF — then rotating the signing key invalidates every erasure
   * link already handed out, so set this explicitly if you plan to rotate.
   */
  erasureSecret?: Uint8Array | string;
  /** How long a page-load session token may be used to ask for a challenge, 60…86400 s (default 3600). */
  sessionTtlSeconds?: number;
  /** From issuing a challenge to the latest start of recording, 10…300 s (default 120). */
  captureWindowSeconds?: number;
  /** Time allowed on the review after recording, 30…1800 s (default 600). */
  reviewWindowSeconds?: number;
  /**
   * Largest sealed part accepted, in bytes (default {@link defaultMaxSealedBytes} of the longest
   * recording the liveness policy allows, about 4 MiB for the default 20 s).
   */
  maxSealedBytes?: number;
  /** The liveness policy: actions, colours, the reduced path, thresholds and signals (README "Liveness"). */
  liveness?: LivenessOptions;
  /** Embedding mode: when templates match, how many matches to report, flag or refuse duplicates. */
  templates?: TemplateOptions;
  /**
   * Sessions per client, refused submissions per client and per session (README "Rate limits");
   * `false` turns them all off (when a gateway in front already limits). Counted in this process.
   */
  rateLimits?: RateLimitOptions | false;
  /** Clock in Unix milliseconds (tests drive it; default `Date.now`). */
  now?: () => number;
}

/** An operator key ready for use. */
export interface RingKey {
  secretKey: Uint8Array;
  publicJwk: OperatorPublicJwk;
}

/** A configured consent notice and its canonical hash (a session's `mh`). */
export interface ResolvedNotice {
  manifest: ConsentManifest;
  hash: string;
}

/** Options after validation, with keys imported. */
export interface ResolvedOptions {
  database: SqlDatabase | { dataDir: string } | { url: string };
  /** The first (fallback) notice. */
  manifest: ConsentManifest;
  manifestHash: string;
  /** Every notice a session may show, `manifest` first, with its canonical hash. */
  notices: ResolvedNotice[];
  mode: VerificationMode;
  issuer: string;
  challengeUrl: string;
  submitUrl: string;
  sessionTtlSeconds: number;
  captureWindowSeconds: number;
  reviewWindowSeconds: number;
  maxSealedBytes: number;
  liveness: ResolvedLiveness;
  templates: ResolvedTemplates;
  /** This server's own counters (each open() makes new ones). */
  rateLimits: RateLimiters;
  now: () => number;
  signing: { privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: SigningPublicJwk };
  /** Operator keys by kid, in ring order (current first). */
  ring: Map<string, RingKey>;
  current: RingKey;
  erasureSecret: Uint8Array;
}

/**
 * Checks every option and imports the keys.
 * @throws FaceVerifyError `invalid-argument` listing every problem found.
 */
export async function resolveOptions(options: FaceVerifyServerOptions): Promise<ResolvedOptions> {
  if (!isRecord(options)) {
    fail('invalid-argument', 'FaceVerifyServer.open: `options` must be an object with database, signingKey, operatorKeys, manifest (or manifests), issuer, challengeUrl and submitUrl');
  }
  const o = options as unknown as Record<string, unknown>;
  const problems: string[] = [];

  const database = o['database'];
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (!isSqlDatabase(database) && !(isRecord(database) && (nonEmpty(database['dataDir']) || (nonEmpty(database['url']) && /^postgres(ql)?:\/\//.test(database['url'] as string))))) {
    problems.push("database: must be a SqlDatabase (e.g. from openPGlite()), { dataDir: '<folder>' | 'memory://' } or { url: 'postgres://…' }");
  }
  problems.push(...signingKeyProblems(o['signingKey'], 'signingKey'));
  problems.push(...operatorKeyProblems(o['operatorKeys'], 'operatorKeys'));
  const manifests = manifestList(o['manifest'], o['manifests'], problems);
  for (const key of ['issuer', 'challengeUrl', 'submitUrl'] as const) {
    if (typeof o[key] !== 'string' || (o[key] as string).trim() === '') problems.push(`${key}: must be a non-empty string`);
  }
  const sessionTtlSeconds = integerOption(o, 'sessionTtlSeconds', DEFAULT_SESSION_TTL_S, 60, 86_400, 'seconds', problems);
  const captureWindowSeconds = integerOption(o, 'captureWindowSeconds', DEFAULT_CAPTURE_WINDOW_S, 10, MAX_CAPTURE_WINDOW_S, 'seconds', problems);
  const reviewWindowSeconds = integerOption(o, 'reviewWindowSeconds', DEFAULT_REVIEW_WINDOW_S, 30, MAX_REVIEW_WINDOW_S, 'seconds', problems);
  if (o['clipMs'] !== undefined) problems.push('clipMs: removed in this version; the recording lasts as long as the liveness script (see the `liveness` option)');
  const liveness = resolveLiveness(o['liveness'], problems);
  const templates = resolveTemplates(o['templates'], problems);
  const rateLimits = resolveRateLimits(o['rateLimits'], problems);
  if (liveness.maxClipMs > MAX_CLIP_MS) problems.push(`liveness: its longest script lasts ${liveness.maxClipMs} ms, over the ${MAX_CLIP_MS} ms a trace holds; use fewer actions or colours`);
  const maxSealedBytes = integerOption(o, 'maxSealedBytes', defaultMaxSealedBytes(liveness.maxClipMs), 4096, 2 ** 30, 'bytes', problems);
  if (o['now'] !== undefined && typeof o['now'] !== 'function') problems.push('now: must be a function returning Unix milliseconds, or omitted');
  const secret = o['erasureSecret'];
  let erasureSecret: Uint8Array | undefined;
  if (secret !== undefined) {
    erasureSecret = typeof secret === 'string' ? utf8(secret) : isBytes(secret) ? new Uint8Array(secret) : undefined;
    if (!erasureSecret || erasureSecret.length < MIN_ERASURE_SECRET_BYTES) {
      problems.push(`erasureSecret: must be a Uint8Array or string of at least ${MIN_ERASURE_SECRET_BYTES} bytes (e.g. crypto.randomBytes(32)), or omitted`);
    }
  }
  if (problems.length) {
    fail('invalid-argument', `FaceVerifyServer.open: invalid options:\n- ${problems.join('\n- ')}`);
  }

  const signingJwk = o['signingKey'] as SigningPrivateJwk;
  const kid = typeof signingJwk.kid === 'string' ? signingJwk.kid : await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: signingJwk.x }, 'sha256');
  const publicJwk: SigningPublicJwk = { kty: 'OKP', crv: 'Ed25519', x: signingJwk.x, kid };
  const privateKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: signingJwk.x, d: signingJwk.d }, 'EdDSA')) as CryptoKey;
  const publicKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: signingJwk.x }, 'EdDSA')) as CryptoKey;

  const ring = new Map<string, RingKey>();
  for (const jwk of o['operatorKeys'] as OperatorPrivateJwk[]) {
    ring.set(jwk.kid, { secretKey: privateKeyFromJwk(jwk), publicJwk: publicJwkFromPrivate(jwk) });
  }
  const notices = manifests.map((m) => {
    const manifest = structuredClone(m);
    return { manifest, hash: canonicalHash(manifest) };
  });
  const first = notices[0]!;
  return {
    database: database as ResolvedOptions['database'],
    manifest: first.manifest,
    manifestHash: first.hash,
    notices,
    mode: first.manifest.mode,
    issuer: o['issuer'] as string,
    challengeUrl: o['challengeUrl'] as string,
    submitUrl: o['submitUrl'] as string,
    sessionTtlSeconds,
    captureWindowSeconds,
    reviewWindowSeconds,
    maxSealedBytes,
    liveness,
    templates,
    rateLimits,
    now: (o['now'] as (() => number) | undefined) ?? Date.now,
    signing: { privateKey, publicKey, publicJwk },
    ring,
    current: ring.values().next().value as RingKey,
    erasureSecret: erasureSecret ?? deriveErasureSecret(fromBase64Url(signingJwk.d)),
  };
}

/** HKDF-SHA256 of the signing key's `d`, under a label used for nothing else. */
function deriveErasureSecret(signingSecret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', signingSecret, utf8('face-verify/v1'), utf8('erasure-token-hmac-key'), 32));
}

function integerOption(
  o: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
  unit: string,
  problems: string[],
): number {
  const value = o[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${key}: must be a whole number of ${unit} from ${min} to ${max}, or omitted for ${fallback}`);
    return fallback;
  }
  return value;
}
