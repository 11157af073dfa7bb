/**
 * Challenge tokens: EdDSA JWTs the server issues per session and later recognises as its own. The
 * token binds the session id, the single-use nonce, the mode, the operator key to seal to, the hash
 * of the consent notice and the widget's key (`cnf.jkt`).
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { VERIFICATION_MODES, type VerificationMode } from '../shared/manifest.js';
import { CHALLENGE_TYP, MAX_CHALLENGE_TTL_S, type ChallengeClaims } from '../shared/wire.js';
import { fail, isRecord } from './fail.js';
import type { ResolvedOptions } from './options.js';

/**
 * Signs a challenge token.
 * @returns the compact JWS (header `{alg: "EdDSA", typ: CHALLENGE_TYP, kid}`).
 */
export function issueChallenge(o: ResolvedOptions, claims: ChallengeClaims): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', typ: CHALLENGE_TYP, kid: o.signing.publicJwk.kid })
    .sign(o.signing.privateKey);
}

/**
 * Verifies that `token` is a challenge this server issued and has not expired.
 * @throws FaceVerifyError `challenge-expired` past `exp`; `challenge-invalid` for anything else
 *   (another key, issuer or `typ`, missing or malformed claims, a lifetime over 120 s).
 */
export async function verifyChallenge(o: ResolvedOptions, token: unknown): Promise<ChallengeClaims> {
  if (typeof token !== 'string' || token === '') {
    fail('challenge-invalid', 'attestation claim `challenge` must be the challenge token from the session response, verbatim');
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, o.signing.publicKey, {
      algorithms: ['EdDSA'],
      typ: CHALLENGE_TYP,
      issuer: o.issuer,
      requiredClaims: ['iat', 'exp', 'sid', 'nonce'],
      currentDate: new Date(o.now()),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      fail('challenge-expired', 'the challenge token has expired; the widget must start a new session (challenges live at most 120 s)', error);
    }
    fail('challenge-invalid', 'the challenge token was not issued by this server (signature, issuer or typ do not match); start a new session', error);
  }
  const problems = challengeClaimProblems(payload);
  if (problems.length) {
    fail('challenge-invalid', `the challenge token's claims are malformed (${problems.join('; ')}); start a new session`);
  }
  return payload as unknown as ChallengeClaims;
}

function challengeClaimProblems(c: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of ['sid', 'nonce', 'mh'] as const) {
    if (typeof c[key] !== 'string' || c[key] === '') problems.push(`${key} must be a non-empty string`);
  }
  if (!VERIFICATION_MODES.includes(c['mode'] as VerificationMode)) problems.push('mode must be clip or embedding');
  const iat = c['iat'];
  const exp = c['exp'];
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > MAX_CHALLENGE_TTL_S || exp <= iat) {
    problems.push(`exp must be after iat by at most ${MAX_CHALLENGE_TTL_S} s`);
  }
  if (!isRecord(c['cnf']) || typeof c['cnf']['jkt'] !== 'string') problems.push('cnf.jkt must be a string');
  if (!isRecord(c['opk']) || typeof c['opk']['kid'] !== 'string') problems.push('opk must be an operator JWK with kid');
  if (typeof c['clipMs'] !== 'number' || !(c['clipMs'] > 0)) problems.push('clipMs must be a positive number');
  return problems;
}
