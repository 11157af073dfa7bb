/**
 * What the verification pipeline's checks share: the state one verification fills in as its checks
 * run, the shape of a check, what an accepted submission returns, and the two refusals both the
 * single-use check and the store give.
 */
import type { ServerErrorCode } from '../shared/errors.js';
import type { Evidence } from '../shared/evidence.js';
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { SealedContents } from '../shared/sealed-container.js';
import type { AttestationClaims, ChallengeClaims, ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';
import type { AttestationHeader } from './attestation.js';
import type { SqlDatabase } from './database.js';
import type { ResolvedOptions } from './options.js';
import { fail } from './fail.js';
import type { SubmissionMetaRow } from './store.js';
import type { TemplateMatch } from './template-store.js';

export { RETRY_GRACE_MS } from '../shared/limits.js';

/** What `verifySubmission` returns for an accepted submission. */
export interface VerifiedSubmission {
  /** Send this to the widget; it shows it to the person. */
  receipt: SubmissionReceipt;
  /** The opened payload (the clip in clip mode). It is stored only sealed; keep it in memory only. */
  payload: Uint8Array;
  /** The opened evidence (the trace), for the host's own checks. Never stored in clear. */
  evidence: Evidence;
  /** The server's liveness decision on the sealed trace (stored with the submission). */
  decision: LivenessDecision;
  /** The attestation's claims, all checks passed. */
  claims: AttestationClaims;
  /**
   * Embedding mode: the stored templates (other submissions) this one matched, nearest first, at
   * most `templates.neighbours`, within `templates.matchThreshold`. A match is a lead to review (it
   * can be a sibling). Empty in clip mode.
   */
  matches: TemplateMatch[];
  /** Embedding mode: the opened template (stored for matching; keep it in memory only). Null in clip mode. */
  template: Float32Array | null;
  /**
   * True when this was an identical retry of an accepted submission (the widget lost the first
   * answer): the stored receipt is returned and nothing new was stored. Act on a submission (start
   * a review, say) only when this is false.
   */
  replayed: boolean;
}

/** The state of one verification as its checks fill it in. */
export interface Verification {
  readonly o: ResolvedOptions;
  readonly db: SqlDatabase;
  /** The server's clock when the request arrived. */
  readonly nowMs: number;
  readonly token: string;
  readonly idempotencyKey: string | undefined;
  /** Answer only if this very submission is stored; never store (the `face-verify-lookup` header). */
  readonly lookup: boolean;
  header?: AttestationHeader;
  claims?: AttestationClaims;
  challenge?: ChallengeClaims;
  /** The accepted submission this request repeats exactly (the same attestation). */
  retryOf?: SubmissionMetaRow;
  consent?: ConsentReceipt;
  sealed?: Uint8Array;
  kid?: string;
  contents?: SealedContents;
  evidence?: Evidence;
  decision?: LivenessDecision;
  /** The opened template (embedding mode). */
  template?: Float32Array | null;
  result?: VerifiedSubmission;
}

/** One step of the pipeline. */
export interface Check {
  id: string;
  phase: 'attestation' | 'sealed';
  /** What it checks, in README's words. */
  summary: string;
  /** The error codes it throws (besides `storage-failed` from the database). */
  codes: readonly ServerErrorCode[];
  run(v: Verification): void | Promise<void>;
}

/** The session already holds another submission: a conflict when it reuses this `jti`, else `session-used`. */
export function refuseSessionHeld(stored: SubmissionMetaRow, jti: string): never {
  if (stored.idempotency_key === jti) {
    fail('idempotency-conflict', 'attestation claim jti: this idempotency key was already used for another submission; a new submission needs a new key');
  }
  fail('session-used', 'session: it already holds an accepted submission; one session holds one submission — load the page again to start a new session');
}

export function refuseNonceSpent(): never {
  fail('nonce-replayed', 'challenge: its nonce was already used by an accepted submission; a challenge is single-use — ask for a new one');
}
