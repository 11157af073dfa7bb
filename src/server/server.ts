/**
 * `FaceVerifyServer`: the facade a host backend calls. It issues stateless session and challenge
 * tokens, runs the verification pipeline (`pipeline.ts`) on submissions, keeps them sealed at rest,
 * opens them for the operator, shows the person what is held and erases it on request (both by the
 * receipt's erasure token), and purges them when their retention ends.
 */
import { randomInt } from 'node:crypto';
import { decodeJwt } from 'jose';
import { drawScript } from '../liveness/script-generator.js';
import { LIVENESS_PATHS, scriptMaxDurationMs, type LivenessPath } from '../shared/liveness-script.js';
import { isRecord } from '../shared/guards.js';
import type { ConsentManifest, VerificationMode } from '../shared/manifest.js';
import {
  CHALLENGE_TYP,
  SESSION_TYP,
  type AttestationClaims,
  type ChallengeClaims,
  type ChallengeResponse,
  type OperatorPublicJwk,
  type SessionResponse,
  type SubmissionReceipt,
} from '../shared/wire.js';
import { isSqlDatabase, openPGlite, type SqlDatabase } from './database.js';
import { openPostgres } from './postgres.js';
import { nearestTemplates, storedDistance, templateOf, type TemplateMatch } from './template-store.js';
import { sha256Base64UrlNode as sha256b64u } from './digest.js';
import { descriptionOf, erasureSummaryOf, type ErasureSummary, type SubmissionDescription } from './data-access.js';
import { erasureTokenMatches } from './erasure.js';
import { fail, serverError } from './fail.js';
import { readSubmission, type RequestLike } from './http.js';
import { randomId } from './ids.js';
import { migrate } from './migrations.js';
import { noticeFor, sessionLanguages } from './manifest-options.js';
import { resolveOptions, type FaceVerifyServerOptions, type ResolvedOptions } from './options.js';
import { openContainer, pipelineFor, runPhase, type Verification, type VerifiedSubmission } from './pipeline.js';
import { receiptOf, submissionInfoOf, type SubmissionInfo } from './rows.js';
import { eraseRows, getConsentReceipt, getSubmission, getSubmissionMeta, listSubmissionRows, purgeRows, type PurgeCounts, type SubmissionRow, guarded } from './store.js';
import { signServerToken, verifySessionToken } from './tokens.js';
import { checkClientFailures, clientKeyOf, countRefusal, takeSession } from './submission-limits.js';

/** A widget key thumbprint: SHA-256 as unpadded base64url. */
const JKT_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type { ErasureSummary, SubmissionDescription, SubmissionInfo, VerifiedSubmission };

/** A stored submission, opened. */
export interface OpenedSubmission {
  receiptId: string;
  payload: Uint8Array;
  mimeType: string;
  payloadSha256: string;
  /** The evidence (trace) as sealed with the payload, UTF-8 JSON. */
  evidence: Uint8Array;
  claims: AttestationClaims;
}

/** The server's public keys, for a `/.well-known`-style endpoint (a JWK Set, current key first). */
export interface PublicInfo {
  keys: OperatorPublicJwk[];
}

/**
 * The backend half of face-verify. Create it once with {@link FaceVerifyServer.open} and share it;
 * every method is safe to call concurrently.
 */
export class FaceVerifyServer {
  readonly #o: ResolvedOptions;
  readonly #db: SqlDatabase;
  readonly #ownsDatabase: boolean;
  readonly #inFlight = new Set<Promise<unknown>>();
  #closing: Promise<void> | null = null;

  private constructor(o: ResolvedOptions, db: SqlDatabase, ownsDatabase: boolean) {
    this.#o = o;
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
  }

  /**
   * Validates the options, opens the database (when given `{ dataDir }`) and brings its schema up to
   * date.
   * @throws FaceVerifyError `invalid-argument` listing every invalid option; `storage-failed` when the
   *   database cannot be opened or migrated.
   */
  static async open(options: FaceVerifyServerOptions): Promise<FaceVerifyServer> {
    const o = await resolveOptions(options);
    const owns = !isSqlDatabase(o.database);
    const db = isSqlDatabase(o.database)
      ? o.database
      : 'url' in o.database
        ? await openPostgres({ connectionString: o.database.url })
        : await openPGlite(o.database.dataDir);
    try {
      await migrate(db);
    } catch (error) {
      if (owns) await db.close().catch(() => undefined);
      throw error;
    }
    return new FaceVerifyServer(o, db, owns);
  }

  /** The verification mode of every session (the manifest's `mode`). */
  get mode(): VerificationMode {
    return this.#o.mode;
  }

  /** A copy of the consent manifest sessions show (with `manifests`: the first, the fallback). */
  get manifest(): ConsentManifest {
    return structuredClone(this.#o.manifest);
  }

  /** Copies of every configured notice, the fallback first (one entry with the `manifest` option). */
  get manifests(): ConsentManifest[] {
    return this.#o.notices.map((n) => structuredClone(n.manifest));
  }

  /** The largest sealed part accepted, in bytes. */
  get maxSealedBytes(): number {
    return this.#o.maxSealedBytes;
  }

  /**
   * Page load: the notice and a signed session token. Stores nothing, so anonymous page views cost
   * no rows; call it for every page view.
   * @param options.client - an opaque key of who is asking (e.g. the peer's IP address, an IPv6
   *   one cut to its /64): at most `rateLimits.sessionsPerClient` sessions per client. Without it
   *   the per-client limits do not apply.
   * @param options.languages - the `languages` of the widget's session request body, most preferred
   *   first: with the `manifests` option, the session shows the closest notice (else the first).
   *   Advisory, like Accept-Language: at most 10 tags of up to 35 characters are read, anything
   *   else is ignored.
   * @returns the body the host's session endpoint sends to the widget; the session token's `mh` is
   *   the hash of the notice it carries.
   * @throws FaceVerifyError `rate-limited` (with `retryAfterSeconds`) when the client started too
   *   many sessions; `invalid-argument` for a bad `client`.
   */
  createSession(options: { client?: string; languages?: readonly string[] } = {}): Promise<SessionResponse> {
    return this.#track('createSession', async () => {
      const o = this.#o;
      takeSession(o.rateLimits, clientKeyOf('createSession', options), o.now());
      const notice = noticeFor(o.notices, sessionLanguages(isRecord(options) ? options['languages'] : undefined));
      const iat = Math.floor(o.now() / 1000);
      const sid = randomId(16);
      const session = await signServerToken(o, SESSION_TYP, { iss: o.issuer, sid, iat, exp: iat + o.sessionTtlSeconds, mode: o.mode, mh: notice.hash });
      return {
        v: 2, session, sessionId: sid, mode: o.mode, manifest: structuredClone(notice.manifest),
        challengeUrl: o.challengeUrl, submitUrl: o.submitUrl, liveness: { reducedPath: o.liveness.reducedPath },
      };
    });
  }

  /**
   * After the person agrees: a capture challenge for the session, bound to the widget's key. Stores
   * nothing; the nonce is spent only when a submission answering it is stored.
   * @param input.session - the session token from {@link createSession}.
   * @param input.jkt - RFC 7638 SHA-256 thumbprint of the widget's attestation public key.
   * @param input.path - `'reduced'` when the person asked for the path without flashes and with
   *   minimal motion (refused unless the `liveness.reducedPath` option allows it); default `'standard'`.
   * @throws FaceVerifyError `invalid-argument` for a malformed `jkt` or `path`; `session-invalid`;
   *   `session-expired`; `consent-invalid` when the notice changed since the session was issued.
   */
  createChallenge(input: { session: string; jkt: string; path?: LivenessPath }): Promise<ChallengeResponse> {
    return this.#track('createChallenge', async () => {
      const jkt = isRecord(input) ? input['jkt'] : undefined;
      if (typeof jkt !== 'string' || !JKT_PATTERN.test(jkt)) {
        fail('invalid-argument', "createChallenge: `jkt` must be the RFC 7638 SHA-256 thumbprint of the widget's attestation key (43 base64url characters); pass what the widget sent");
      }
      const o = this.#o;
      const path = (isRecord(input) ? input['path'] : undefined) ?? 'standard';
      if (!LIVENESS_PATHS.includes(path as LivenessPath)) fail('invalid-argument', "createChallenge: `path` must be 'standard' or 'reduced', or omitted");
      if (path === 'reduced' && !o.liveness.reducedPath) fail('invalid-argument', 'createChallenge: this server does not offer the reduced path (liveness.reducedPath is false)');
      const session = await verifySessionToken(o, isRecord(input) ? input['session'] : undefined);
      if (!o.notices.some((n) => n.hash === session.mh)) {
        fail('consent-invalid', 'createChallenge: the notice changed since this session was issued; load the page again so the person reads the current notice');
      }
      const l = o.liveness;
      const liveness = drawScript({ path: path as LivenessPath, pool: l.pool, actionCount: l.actionCount, colourCount: l.colourCount }, (n) => randomInt(n));
      const clipMs = scriptMaxDurationMs(liveness);
      const iat = Math.floor(o.now() / 1000);
      const captureBy = iat + o.captureWindowSeconds;
      const claims: ChallengeClaims = {
        iss: o.issuer, sid: session.sid, nonce: randomId(32), iat, captureBy,
        exp: captureBy + Math.ceil(clipMs / 1000) + o.reviewWindowSeconds,
        mode: o.mode, opk: { ...o.current.publicJwk }, mh: session.mh, cnf: { jkt }, clipMs, liveness,
      };
      return { v: 2, challenge: await signServerToken(o, CHALLENGE_TYP, claims) };
    });
  }

  /**
   * Verifies a submission and, only when every check passes, stores it (sealed, as received) with its
   * consent receipt, spending the nonce in the same transaction. The checks and their codes are the
   * pipeline of `pipeline.ts`, in README's "Verification order". An identical retry (the same
   * attestation and bytes) returns the stored receipt with `replayed: true`.
   * @param input.attestation - the `attestation` part; @param input.sealed - the `sealed` part;
   * @param input.idempotencyKey - the `idempotency-key` header, when sent;
   * @param input.lookup - true for a `face-verify-lookup: 1` request: answer only if stored, never store.
   * @param input.client - who sent it (as for {@link createSession}): its refused submissions are
   *   counted against `rateLimits.failuresPerClient`.
   * @throws FaceVerifyError with one of the pipeline's codes, `invalid-argument`, `storage-failed`
   *   or `rate-limited` (with `retryAfterSeconds`).
   */
  verifySubmission(input: { attestation: string; sealed: Uint8Array; idempotencyKey?: string; lookup?: boolean; client?: string }): Promise<VerifiedSubmission> {
    return this.#track('verifySubmission', async () => {
      if (!isRecord(input)) fail('invalid-argument', 'verifySubmission: pass { attestation, sealed } (see readSubmission())');
      const { attestation, sealed, idempotencyKey, lookup } = input as Record<string, unknown>;
      if (!(sealed instanceof Uint8Array)) {
        fail('invalid-argument', 'verifySubmission: `sealed` must be the sealed part as a Uint8Array (a Node Buffer is one)');
      }
      const checks = pipelineFor(this.#o.mode);
      const v = this.#begin(attestation, idempotencyKey, lookup === true);
      return this.#limited('verifySubmission', input, () => v, async () => {
        await runPhase(checks, 'attestation', v);
        v.sealed = sealed;
        await runPhase(checks, 'sealed', v);
        return v.result!;
      });
    });
  }

  /**
   * Reads an upload from an HTTP request and verifies it, streaming: method, content type and
   * declared length are checked before the body is read, and the attestation's checks run before
   * the sealed part is read. Use it as the whole body of your submit endpoint.
   * @param options.client - who sent it (e.g. the peer's IP address): a client with too many
   *   refused submissions is refused with `rate-limited` before its body is read.
   * @throws FaceVerifyError as {@link readSubmission} and {@link verifySubmission}.
   */
  receiveSubmission(request: RequestLike, options: { client?: string } = {}): Promise<VerifiedSubmission> {
    return this.#track('receiveSubmission', async () => {
      const checks = pipelineFor(this.#o.mode);
      let v: Verification | undefined;
      return this.#limited('receiveSubmission', options, () => v, async () => {
        const parts = await readSubmission(request, {
          maxSealedBytes: this.#o.maxSealedBytes,
          onAttestation: async (attestation, idempotencyKey, lookup) => {
            v = this.#begin(attestation, idempotencyKey, lookup);
            await runPhase(checks, 'attestation', v);
          },
        });
        v!.sealed = parts.sealed;
        await runPhase(checks, 'sealed', v!);
        return v!.result!;
      });
    });
  }

  /**
   * Stored submissions, newest first: metadata only, never bytes or traces.
   * @param options.limit - at most this many (1…10000, default 1000); options.offset - skip this many.
   */
  listSubmissions(options: { limit?: number; offset?: number } = {}): Promise<SubmissionInfo[]> {
    return this.#track('listSubmissions', async () => {
      const { limit = 1000, offset = 0 } = options;
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000 || !Number.isInteger(offset) || offset < 0) {
        fail('invalid-argument', 'listSubmissions: `limit` must be a whole number from 1 to 10000 and `offset` a whole number ≥ 0');
      }
      return (await listSubmissionRows(this.#db, limit, offset)).map(submissionInfoOf);
    });
  }

  /**
   * Opens a stored submission with the operator key that sealed it and checks the payload's hash.
   * @param id - the receipt id.
   * @throws FaceVerifyError `receipt-unknown`; `key-unknown` when that key left the ring;
   *   `seal-open-failed` / `container-invalid` / `payload-invalid` when the stored row was altered.
   */
  openSubmission(id: string): Promise<OpenedSubmission> {
    return this.#track('openSubmission', async () => this.#openRow(await this.#getRow('openSubmission', id, true)));
  }

  /** The receipt of a stored submission, as it was issued. @throws FaceVerifyError `receipt-unknown`. */
  getReceipt(receiptId: string): Promise<SubmissionReceipt> {
    return this.#track('getReceipt', async () =>
      receiptOf(await this.#getRow('getReceipt', receiptId, false), this.#o.manifest.erasureUrl, this.#o.erasureSecret));
  }

  /**
   * 1:N: the stored templates nearest the template of submission `receiptId` (itself left out),
   * nearest first, within `maxDistance` (default `templates.matchThreshold`), at most `k` (default
   * `templates.neighbours`). Each is a lead to review, not a verdict.
   * @throws FaceVerifyError `receipt-unknown` when no submission with a template has this id;
   *   `invalid-argument` for a bad `k` or `maxDistance`.
   */
  findMatches(receiptId: string, options: { k?: number; maxDistance?: number } = {}): Promise<TemplateMatch[]> {
    return this.#track('findMatches', async () => {
      checkReceiptId('findMatches', receiptId);
      const k = options.k ?? this.#o.templates.neighbours;
      const maxDistance = options.maxDistance ?? this.#o.templates.matchThreshold;
      if (!(typeof maxDistance === 'number' && maxDistance >= 0 && maxDistance <= 2)) fail('invalid-argument', 'findMatches: `maxDistance` must be a number from 0 to 2');
      const probe = await guarded('findMatches', () => templateOf(this.#db, receiptId));
      if (!probe) fail('receipt-unknown', 'findMatches: no submission with a template has this receipt id (clip-mode submissions have none; it may be erased or past retention)');
      return guarded('findMatches', () => this.#db.transaction((tx) => nearestTemplates(tx, probe, k, maxDistance, receiptId, Math.max(k, this.#o.templates.efSearch))));
    });
  }

  /**
   * 1:1: are two stored submissions the same face? The distance between their templates, and
   * whether it is within `templates.matchThreshold`.
   * @throws FaceVerifyError `receipt-unknown` when either has no stored template.
   */
  compareSubmissions(a: string, b: string): Promise<{ distance: number; match: boolean; threshold: number }> {
    return this.#track('compareSubmissions', async () => {
      checkReceiptId('compareSubmissions', a);
      checkReceiptId('compareSubmissions', b);
      const distance = await guarded('compareSubmissions', () => storedDistance(this.#db, a, b));
      if (distance === null) fail('receipt-unknown', 'compareSubmissions: both receipt ids must name stored submissions with templates (embedding mode)');
      const threshold = this.#o.templates.matchThreshold;
      return { distance, match: distance <= threshold, threshold };
    });
  }

  /**
   * The person's erasure (and withdrawal of consent: the same action). When `token` is the
   * receipt's erasure token (compared in constant time, before any lookup), deletes in one
   * transaction everything held for the submission: the sealed part, in embedding mode the face
   * template (and so its vector index entry), the consent receipt and the submission record with
   * its liveness decision. Its spent nonce (no personal data) stays until the challenge's window
   * closes, so the erased bytes cannot be submitted again.
   * @param receiptId - the `receipt` member of the erasure link's fragment; @param token - its `token`
   *   member. Hosts take both from a request body, never a URL query (README "Erasure link").
   * @returns what was deleted ({@link ErasureSummary}).
   * @throws FaceVerifyError `erasure-token-invalid`; `receipt-unknown` (never stored, already erased
   *   or past retention); `invalid-argument`; `storage-failed` (nothing was deleted).
   */
  eraseSubmission(receiptId: string, token: string): Promise<ErasureSummary> {
    return this.#track('eraseSubmission', async () => {
      this.#checkToken('eraseSubmission', receiptId, token);
      const rows = await eraseRows(this.#db, receiptId);
      if (!rows) fail('receipt-unknown', 'eraseSubmission: no submission with this receipt id is stored (it may already be erased or past retention)');
      return erasureSummaryOf(receiptId, rows);
    });
  }

  /**
   * The person's access through their receipt: what is held about submission `receiptId` — the
   * mode, sizes, when it was received and until when it is kept, the consent receipt's notice
   * version and purpose, the liveness decision's level, and in embedding mode whether its template
   * matches another stored account's now. Never an image, the sealed bytes or the template's numbers.
   * @param receiptId - the `receipt` member of the erasure link's fragment; @param token - its `token`
   *   member (the same token erases).
   * @throws FaceVerifyError `erasure-token-invalid`; `receipt-unknown`; `invalid-argument`; `storage-failed`.
   */
  describeSubmission(receiptId: string, token: string): Promise<SubmissionDescription> {
    return this.#track('describeSubmission', async () => {
      this.#checkToken('describeSubmission', receiptId, token);
      const row = await this.#getRow('describeSubmission', receiptId, false);
      const consent = await getConsentReceipt(this.#db, receiptId);
      if (!consent) fail('receipt-unknown', 'describeSubmission: the consent receipt of this submission is not stored (it was erased meanwhile)');
      const checkedAt = new Date(this.#o.now());
      const probe = await guarded('describeSubmission', () => templateOf(this.#db, receiptId));
      const t = this.#o.templates;
      const matched = probe
        ? (await guarded('describeSubmission', () => this.#db.transaction((tx) => nearestTemplates(tx, probe, 1, t.matchThreshold, receiptId, Math.max(1, t.efSearch))))).length > 0
        : null;
      return descriptionOf(row, consent, { held: probe !== null, matched, checkedAt });
    });
  }

  /**
   * Deletes submissions past their retention date and spent nonces no challenge can use any more.
   * Run it at start and periodically (e.g. hourly).
   */
  purgeExpired(): Promise<PurgeCounts> {
    return this.#track('purgeExpired', () => purgeRows(this.#db, new Date(this.#o.now())));
  }

  /** The operator public keys, current first, as a JWK Set: serve it for other backends and audits. */
  publicInfo(): PublicInfo {
    return { keys: [...this.#o.ring.values()].map((k) => ({ ...k.publicJwk })) };
  }

  /**
   * Closes the server: new calls are refused (`server-closed`), calls in flight finish, then the
   * keys are wiped and a database it opened from `{ dataDir }` or `{ url }` is closed (one passed in stays open).
   * Safe to call twice.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight]);
      for (const key of this.#o.ring.values()) key.secretKey.fill(0);
      if (this.#ownsDatabase) await this.#db.close();
    })();
    return this.#closing;
  }

  #track<T>(method: string, fn: () => Promise<T>): Promise<T> {
    if (this.#closing) {
      return Promise.reject(serverError('server-closed', `${method}: this FaceVerifyServer is closed; open a new one with FaceVerifyServer.open()`));
    }
    const run = fn();
    this.#inFlight.add(run);
    const forget = (): void => void this.#inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /**
   * Runs one submission under the failure limits: a limited client is refused before `run` starts;
   * a refusal `run` throws is counted against the client and the session `verification()` names.
   */
  async #limited<T>(method: string, options: unknown, verification: () => Verification | undefined, run: () => Promise<T>): Promise<T> {
    const limits = this.#o.rateLimits;
    const client = clientKeyOf(method, options);
    checkClientFailures(limits, client, this.#o.now());
    try {
      return await run();
    } catch (error) {
      countRefusal(limits, client, verification(), error, this.#o.now());
      throw error;
    }
  }

  #begin(attestation: unknown, idempotencyKey: unknown, lookup: boolean): Verification {
    return {
      lookup,
      o: this.#o,
      db: this.#db,
      nowMs: this.#o.now(),
      token: attestation as string,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
    };
  }

  /** Checks the receipt id's shape and its token before anything is looked up. */
  #checkToken(method: string, receiptId: unknown, token: unknown): asserts receiptId is string {
    checkReceiptId(method, receiptId);
    if (!erasureTokenMatches(this.#o.erasureSecret, receiptId, token)) {
      fail('erasure-token-invalid', `${method}: \`token\` is not the erasure token of this receipt; use the complete link from the receipt (its fragment holds both receipt and token)`);
    }
  }

  async #getRow(method: string, id: string, withBytes: true): Promise<SubmissionRow>;
  async #getRow(method: string, id: string, withBytes: false): Promise<Omit<SubmissionRow, 'sealed'>>;
  async #getRow(method: string, id: string, withBytes: boolean): Promise<Omit<SubmissionRow, 'sealed'>> {
    checkReceiptId(method, id);
    const row = withBytes ? await getSubmission(this.#db, id) : await getSubmissionMeta(this.#db, id);
    if (!row) fail('receipt-unknown', `${method}: no submission with this receipt id is stored (never accepted, erased or past retention)`);
    return row;
  }

  #openRow(row: SubmissionRow): OpenedSubmission {
    const key = this.#o.ring.get(row.kid);
    if (!key) {
      fail('key-unknown', `openSubmission: operator key "${row.kid}" sealed this submission but is no longer in operatorKeys; add it back (keep old keys until their submissions are purged)`);
    }
    const claims = decodeJwt(row.attestation) as unknown as AttestationClaims;
    const contents = openContainer(key.secretKey, row.mode, row.sid, claims.challenge, row.sealed,
      `openSubmission: the stored sealed part could not be opened with operator key "${row.kid}"; the stored row or key was altered`);
    if (contents.payload.length !== row.payload_bytes || sha256b64u(contents.payload) !== row.payload_sha256) {
      fail('payload-invalid', 'openSubmission: the opened payload does not match its stored SHA-256; the stored row was altered');
    }
    return { receiptId: row.id, payload: contents.payload, mimeType: row.payload_type, payloadSha256: row.payload_sha256, evidence: contents.evidence, claims };
  }
}

function checkReceiptId(method: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '' || id.length > 64) {
    fail('invalid-argument', `${method}: \`receiptId\` must be the receipt id from the submission receipt (a short base64url string)`);
  }
}
