/**
 * The verification pipeline: one ordered list of checks per mode, each with the error codes it can
 * throw. `verifySubmission` runs it; README's "Verification order" is held to it by a unit test, so
 * the order is written down once, here. Checks of the `attestation` phase (attestation-checks.ts)
 * need only the attestation and run before the sealed part is read from the network; the `sealed`
 * phase (sealed-checks.ts, then store-check.ts) needs its bytes.
 */
import type { VerificationMode } from '../shared/manifest.js';
import { attestationHeader, attestationSignature, challenge, claimsMatch, consent, keyBinding, singleUse, timeWindows } from './attestation-checks.js';
import { fail } from './fail.js';
import { evidence, liveness, openSealed, payload, sealedKey, sealedPart, templateBinding, templatePayload } from './sealed-checks.js';
import { store } from './store-check.js';
import { sessionRate } from './submission-limits.js';
import type { Check, Verification } from './verification.js';

export { openContainer } from './sealed-checks.js';
export { RETRY_GRACE_MS, type Check, type Verification, type VerifiedSubmission } from './verification.js';

/** The checks of each mode, in the order they run. */
export const PIPELINES: Readonly<Record<VerificationMode, readonly Check[]>> = {
  clip: [
    attestationHeader, attestationSignature, challenge, sessionRate, keyBinding, claimsMatch, singleUse, timeWindows, consent,
    sealedPart, sealedKey, openSealed, evidence, liveness, payload, store,
  ],
  embedding: [
    attestationHeader, attestationSignature, challenge, sessionRate, keyBinding, claimsMatch, singleUse, timeWindows, consent,
    sealedPart, sealedKey, openSealed, evidence, liveness, templatePayload, templateBinding, store,
  ],
};

/** The pipeline for `mode`. */
export function pipelineFor(mode: VerificationMode): readonly Check[] {
  const checks = PIPELINES[mode];
  if (!checks) fail('invalid-argument', `verifySubmission: mode "${mode}" has no pipeline`);
  return checks;
}

/** Runs the checks of `phase`, in order, on `v`. */
export async function runPhase(checks: readonly Check[], phase: Check['phase'], v: Verification): Promise<void> {
  for (const check of checks) {
    if (check.phase === phase) await check.run(v);
  }
}
