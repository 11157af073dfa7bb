/**
 * The last check: the submission stored (and, in embedding mode, its template compared and enrolled)
 * in one transaction, or the same receipt again for an identical retry.
 */
import { fail } from './fail.js';
import { randomId } from './ids.js';
import { receiptOf } from './rows.js';
import { findBySession, guarded, metaRowOf, storeSubmission, type NewSubmission, type SubmissionMetaRow } from './store.js';
import { nearestTemplates, type TemplateMatch } from './template-store.js';
import { refuseNonceSpent, refuseSessionHeld, type Check, type Verification } from './verification.js';

const DAY_MS = 86_400_000;

export const store: Check = {
  id: 'store',
  phase: 'sealed',
  summary: "in one transaction: the nonce is spent (kept until `exp`) and the sealed part, as received, is stored with the consent receipt and the liveness decision; a session holds at most one submission (the same refusals as single-use, for requests that raced each other). Embedding mode, in the same transaction and under the template lock: the stored templates within `templates.matchThreshold` are found (at most `templates.neighbours`, nearest first) and the template is enrolled; with `templates.duplicates: 'refuse'` a match refuses it and nothing is stored",
  codes: ['nonce-replayed', 'session-used', 'idempotency-conflict', 'duplicate-found'],
  async run(v) {
    const { o, claims, challenge: c, contents } = v as Required<Verification>;
    const template = v.template ?? null;
    const done = (row: SubmissionMetaRow, replayed: boolean, matches: TemplateMatch[]): void => {
      v.result = { receipt: receiptOf(row, o.manifest.erasureUrl, o.erasureSecret), payload: contents.payload, evidence: v.evidence!, decision: row.liveness, claims, replayed, matches, template };
    };
    const search = { k: o.templates.neighbours, maxDistance: o.templates.matchThreshold, efSearch: o.templates.efSearch };
    // A retry is answered with the matches as they stand now (its own template left out).
    const matchesOf = async (id: string) => (template ? guarded('verifySubmission', () => v.db.transaction((tx) => nearestTemplates(tx, template, search.k, search.maxDistance, id, search.efSearch))) : []);
    if (v.retryOf) return done(v.retryOf, true, await matchesOf(v.retryOf.id));
    const submission: NewSubmission = {
      id: randomId(16), sid: c.sid, nonce: c.nonce, idempotencyKey: claims.jti, receivedAt: new Date(v.nowMs),
      nonceUsableUntil: new Date(c.exp * 1000), mode: c.mode, sealed: v.sealed!, sealedSha256: claims.sealed.sha256,
      payloadSha256: claims.payload.sha256, payloadBytes: claims.payload.bytes, payloadType: claims.payload.type, kid: v.kid!,
      capture: claims.capture, attestation: v.token, retentionUntil: new Date(v.nowMs + o.manifest.retention.days * DAY_MS),
      consent: v.consent!, liveness: v.decision!,
    };
    const stored = await storeSubmission(v.db, submission, template ? { template, search, refuseDuplicates: o.templates.duplicates === 'refuse' } : undefined);
    if (stored.status === 'stored') return done(metaRowOf(submission), false, stored.matches);
    if (stored.status === 'duplicate') {
      const nearest = stored.matches[0]!;
      fail('duplicate-found', `template: it matches ${stored.matches.length} stored submission(s), the nearest ${nearest.submissionId} at distance ${nearest.distance.toFixed(3)} (threshold ${o.templates.matchThreshold}); nothing was stored`);
    }
    // A concurrent identical retry may have won the race; it deserves the same receipt.
    const raced = await findBySession(v.db, c.sid);
    if (raced && raced.attestation === v.token) return done(raced, true, await matchesOf(raced.id));
    if (raced) refuseSessionHeld(raced, claims.jti);
    refuseNonceSpent();
  },
};

