/**
 * The checks that need only the attestation: they run before the sealed part is read from the
 * network, so a forged or replayed upload costs the server no body.
 */
import { attestationKeyThumbprint, decodeAttestationHeader, verifyAttestationSignature } from './attestation.js';
import { checkClaimShape, checkClaimsMatch, checkConsent } from './checks.js';
import { fail } from './fail.js';
import { findBySession, isNonceSpent } from './store.js';
import { checkTiming } from './timing.js';
import { verifyChallengeToken } from './tokens.js';
import { refuseNonceSpent, refuseSessionHeld, RETRY_GRACE_MS, type Check } from './verification.js';

export const attestationHeader: Check = {
  id: 'attestation-header',
  phase: 'attestation',
  summary: 'the attestation is a compact JWS of at most 8 KiB whose protected header has `alg` exactly `ES256`, `typ` exactly `fv-attestation+jwt` and a public P-256 `jwk`',
  codes: ['token-malformed', 'alg-not-allowed'],
  run(v) {
    v.header = decodeAttestationHeader(v.token);
  },
};

export const attestationSignature: Check = {
  id: 'attestation-signature',
  phase: 'attestation',
  summary: 'its ES256 signature verifies under that `jwk`, and its claims have the v2 shape',
  codes: ['signature-invalid', 'token-malformed', 'claims-mismatch'],
  async run(v) {
    v.claims = checkClaimShape(await verifyAttestationSignature(v.token, v.nowMs));
  },
};

export const challenge: Check = {
  id: 'challenge',
  phase: 'attestation',
  summary: 'the `challenge` claim is a JWS this server signed (EdDSA, `typ` `fv-challenge+jwt`, its `iss`) with well-formed claims',
  codes: ['challenge-invalid'],
  async run(v) {
    v.challenge = await verifyChallengeToken(v.o, v.claims!.challenge);
  },
};

export const keyBinding: Check = {
  id: 'key-binding',
  phase: 'attestation',
  summary: "the RFC 7638 SHA-256 thumbprint of the attestation's `jwk` equals the challenge's `cnf.jkt`",
  codes: ['key-binding-mismatch'],
  async run(v) {
    if ((await attestationKeyThumbprint(v.header!.jwk)) !== v.challenge!.cnf.jkt) {
      fail('key-binding-mismatch', "attestation: signed by another key than the one the challenge was issued to (cnf.jkt); sign with the key whose thumbprint was sent to createChallenge");
    }
  },
};

export const claimsMatch: Check = {
  id: 'claims',
  phase: 'attestation',
  summary: "`sid`, `nonce` and `mode` equal the challenge's, and the `idempotency-key` header, when sent, equals `jti`",
  codes: ['claims-mismatch'],
  run(v) {
    checkClaimsMatch(v.claims!, v.challenge!, v.idempotencyKey);
  },
};

export const singleUse: Check = {
  id: 'single-use',
  phase: 'attestation',
  summary: "if the session already holds a submission: the very same attestation is an identical retry, answered with the stored receipt once the sealed part checks out, until `exp` + 10 min (the other time windows and the notice are not judged again); the same `jti` with another attestation is a conflict; anything else is refused. A lookup (`face-verify-lookup: 1`) that is not such a retry is refused with `receipt-unknown` and stores nothing. Otherwise the challenge's nonce must not be spent (an erased submission's nonce stays spent until `exp`)",
  codes: ['idempotency-conflict', 'session-used', 'challenge-expired', 'receipt-unknown', 'nonce-replayed'],
  async run(v) {
    const claims = v.claims!;
    const stored = await findBySession(v.db, claims.sid);
    if (stored) {
      if (stored.attestation === v.token) {
        if (v.nowMs > v.challenge!.exp * 1000 + RETRY_GRACE_MS) {
          fail('challenge-expired', 'challenge: this submission was accepted, but retries of it are answered only until its window closes; the receipt was issued with the first answer');
        }
        v.retryOf = stored;
        return;
      }
      refuseSessionHeld(stored, claims.jti);
    }
    if (v.lookup) fail('receipt-unknown', 'lookup: this submission is not stored here (nothing was stored by this request either)');
    if (await isNonceSpent(v.db, v.challenge!.nonce)) {
      // An identical request on another connection may have stored it between the two reads
      // (seen on PostgreSQL, where requests really run side by side): that is a retry.
      const raced = await findBySession(v.db, claims.sid);
      if (raced?.attestation === v.token) {
        v.retryOf = raced;
        return;
      }
      if (raced) refuseSessionHeld(raced, claims.jti);
      refuseNonceSpent();
    }
  },
};

export const timeWindows: Check = {
  id: 'time-windows',
  phase: 'attestation',
  summary: "on the server's clock: now ≤ `exp`; `capture.startedAfterMs` ≤ (`captureBy` − `iat`) × 1000; 1000 ≤ `capture.durationMs` ≤ `clipMs` + 1500; and `iat` × 1000 + `startedAfterMs` + `durationMs` − 1500 ≤ now",
  codes: ['challenge-expired', 'capture-late', 'timing-implausible'],
  run(v) {
    if (!v.retryOf) checkTiming(v.claims!, v.challenge!, v.nowMs);
  },
};

export const consent: Check = {
  id: 'consent',
  phase: 'attestation',
  summary: "the consent receipt is explicit and biometric, names the challenge's `sid`, `mode` and notice hash `mh`, and `mh` is the hash of a notice this server shows now",
  codes: ['consent-invalid'],
  run(v) {
    v.consent = v.retryOf ? (v.claims!.consent) : checkConsent(v.claims!.consent, v.challenge!, v.o.notices.map((n) => n.hash));
  },
};

