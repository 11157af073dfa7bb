/**
 * The server's two tokens, both EdDSA JWTs it signs and later recognises as its own, neither stored:
 * the page-load session token (which notice, which session) and the capture challenge issued after
 * the person agrees (nonce, key to seal to, widget key binding, time windows, liveness script).
 */
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { isCanonicalBase64Url } from '../shared/bytes.js';
import { isRecord } from '../shared/guards.js';
import { scriptMaxDurationMs, scriptProblems, type LivenessScript } from '../shared/liveness-script.js';
import { VERIFICATION_MODES, type VerificationMode } from '../shared/manifest.js';
import { CHALLENGE_TYP, SERVER_TOKEN_ALG, SESSION_TYP, type ChallengeClaims, type SessionClaims } from '../shared/wire.js';
import { fail } from './fail.js';
import { MAX_CAPTURE_WINDOW_S, MAX_CLIP_MS, MAX_REVIEW_WINDOW_S, type ResolvedOptions } from './options.js';

/** Longest server token accepted, in characters: far above any real one, far below a DoS. */
const MAX_TOKEN_CHARS = 4096;

/** Signs claims as a compact JWS with header `{ alg: "EdDSA", typ, kid }`. */
export function signServerToken(o: ResolvedOptions, typ: typeof SESSION_TYP | typeof CHALLENGE_TYP, claims: SessionClaims | ChallengeClaims): Promise<string> {
  return new SignJWT({ ...claims } as unknown as JWTPayload)
    .setProtectedHeader({ alg: SERVER_TOKEN_ALG, typ, kid: o.signing.publicJwk.kid })
    .sign(o.signing.privateKey);
}

/**
 * Verifies a session token this server issued.
 * @throws FaceVerifyError `session-expired` past `exp`; `session-invalid` for anything else.
 */
export async function verifySessionToken(o: ResolvedOptions, token: unknown): Promise<SessionClaims> {
  const payload = await verifyServerToken(o, token, SESSION_TYP, { ignoreExpiry: false }, 'session');
  const problems = sessionClaimProblems(payload, o);
  if (problems.length) fail('session-invalid', `session token: its claims are malformed (${problems.join('; ')}); load the page again`);
  return payload as unknown as SessionClaims;
}

/**
 * Verifies that `token` is a challenge this server issued: signature, `typ`, issuer and claims.
 * Expiry is not checked here: whether a challenge is still usable depends on what is being done
 * with it (the verification pipeline checks its windows on the server's clock).
 * @throws FaceVerifyError `challenge-invalid`.
 */
export async function verifyChallengeToken(o: ResolvedOptions, token: unknown): Promise<ChallengeClaims> {
  const payload = await verifyServerToken(o, token, CHALLENGE_TYP, { ignoreExpiry: true }, 'challenge');
  const problems = challengeClaimProblems(payload);
  if (problems.length) fail('challenge-invalid', `challenge token: its claims are malformed (${problems.join('; ')}); ask for a new challenge`);
  return payload as unknown as ChallengeClaims;
}

async function verifyServerToken(
  o: ResolvedOptions,
  token: unknown,
  typ: string,
  { ignoreExpiry }: { ignoreExpiry: boolean },
  what: 'session' | 'challenge',
): Promise<Record<string, unknown>> {
  const invalid = what === 'session' ? 'session-invalid' : 'challenge-invalid';
  const where = what === 'session' ? 'session token (the `session` from createSession())' : 'attestation claim `challenge`';
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_CHARS) {
    fail(invalid, `${where}: must be the ${what} token this server issued, verbatim`);
  }
  // jose decodes leniently; a respelled signature would verify, so only this server's own spelling counts.
  if (!token.split('.').every(isCanonicalBase64Url)) fail(invalid, `${where}: not the token this server issued (a part is not canonical base64url); send it verbatim`);
  try {
    const { payload } = await jwtVerify(token, o.signing.publicKey, {
      algorithms: [SERVER_TOKEN_ALG],
      typ,
      issuer: o.issuer,
      requiredClaims: ['iat', 'exp', 'sid'],
      // A challenge's windows are judged by the pipeline, not by jose: disable its time checks.
      ...(ignoreExpiry ? { currentDate: new Date(0), clockTolerance: Number.MAX_SAFE_INTEGER } : { currentDate: new Date(o.now()) }),
    });
    return payload as Record<string, unknown>;
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      fail('session-expired', `${where}: expired; load the page again to read the current notice and get a new one`, error);
    }
    fail(invalid, `${where}: not issued by this server (signature, issuer or typ do not match); start again`, error);
  }
}

function sessionClaimProblems(c: Record<string, unknown>, o: ResolvedOptions): string[] {
  const problems = commonClaimProblems(c);
  if (typeof c['exp'] === 'number' && typeof c['iat'] === 'number' && c['exp'] - c['iat'] > o.sessionTtlSeconds) {
    problems.push(`exp must be at most ${o.sessionTtlSeconds} s after iat`);
  }
  return problems;
}

function challengeClaimProblems(c: Record<string, unknown>): string[] {
  const problems = commonClaimProblems(c);
  if (typeof c['nonce'] !== 'string' || c['nonce'].length < 22) problems.push('nonce must be a base64url string of at least 128 bits');
  const { iat, captureBy, exp, clipMs } = c;
  if (typeof captureBy !== 'number' || typeof iat !== 'number' || typeof exp !== 'number' ||
      !(captureBy > iat && captureBy - iat <= MAX_CAPTURE_WINDOW_S && exp > captureBy &&
        exp - captureBy <= MAX_REVIEW_WINDOW_S + Math.ceil(MAX_CLIP_MS / 1000))) {
    problems.push('iat < captureBy < exp must hold within the longest windows');
  }
  if (typeof clipMs !== 'number' || !(clipMs > 0 && clipMs <= MAX_CLIP_MS)) problems.push('clipMs must be a positive number of milliseconds');
  if (!isRecord(c['cnf']) || typeof c['cnf']['jkt'] !== 'string') problems.push('cnf.jkt must be a string');
  if (!isRecord(c['opk']) || typeof c['opk']['kid'] !== 'string' || typeof c['opk']['x'] !== 'string') problems.push('opk must be an operator JWK with kid and x');
  const script = scriptProblems(c['liveness']);
  if (script.length) problems.push(...script);
  else if (clipMs !== scriptMaxDurationMs(c['liveness'] as LivenessScript)) problems.push("clipMs must be the liveness script's longest duration");
  return problems;
}

function commonClaimProblems(c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of ['sid', 'mh'] as const) {
    if (typeof c[key] !== 'string' || c[key] === '') problems.push(`${key} must be a non-empty string`);
  }
  if (!VERIFICATION_MODES.includes(c['mode'] as VerificationMode)) problems.push('mode must be clip or embedding');
  if (!Number.isInteger(c['iat']) || !Number.isInteger(c['exp'])) problems.push('iat and exp must be whole seconds');
  return problems;
}
