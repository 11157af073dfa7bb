/**
 * The session's lifecycle on the widget: the notice (page load), the consent, the attestation key
 * and the capture challenge with its clock. Stateless on the server until a submission is stored,
 * so every request here can simply be made again: a session token that aged while the person read
 * is replaced silently, unless the notice changed meanwhile.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createAttestationKey, type AttestationKey } from '../crypto/attestation-key.js';
import { canonicalHash } from '../shared/canonical-json.js';
import { FaceVerifyError } from '../shared/errors.js';
import type { ConsentManifest } from '../shared/manifest.js';
import { scriptProblems, type LivenessPath } from '../shared/liveness-script.js';
import type { ChallengeClaims, ConsentReceipt, SessionResponse } from '../shared/wire.js';
import { EndpointError } from '../transport/post-json.js';
import { requestChallenge, requestSession } from '../transport/session-client.js';
import { ChallengeClock, readChallengeClaims } from './challenge-clock.js';
import { buildConsentReceipt } from './consent-receipt.js';
import { afterSessionRenewed, onChallengeRefused } from './machine.js';
import { resolveManifest } from './resolve-manifest.js';
import { RunScope, type Run } from './run-scope.js';

export interface SessionConfig {
  sessionUrl: string;
  headers: Record<string, string>;
  /** A manifest given as a property; must match the server's when both exist. */
  manifest: ConsentManifest | null;
  sessionTimeoutMs: number;
  challengeTimeoutMs: number;
  /** Sent in the session request so the server picks the notice in the person's language. */
  languages: readonly string[];
}

/** A capture challenge as received, and its windows on the monotonic clock. */
export interface Challenge {
  token: string;
  claims: ChallengeClaims;
  clock: ChallengeClock;
}

export class SessionController implements ReactiveController {
  session: SessionResponse | null = null;
  /** The notice shown (and agreed to). */
  manifest: ConsentManifest | null = null;
  challenge: Challenge | null = null;
  /** The liveness path the next challenge is asked for: the person may choose the reduced one. */
  path: LivenessPath = 'standard';
  key: AttestationKey | null = null;

  readonly #config: () => SessionConfig;
  readonly #runs = new RunScope();
  #agreement: { at: Date; receiptId: string } | null = null;

  constructor(host: ReactiveControllerHost, config: () => SessionConfig) {
    this.#config = config;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.reset();
  }

  /** Forgets the session, its key and challenge, and aborts what is in flight. */
  reset(): void {
    this.#runs.abort('reset');
    this.session = null;
    this.manifest = null;
    this.challenge = null;
    this.key = null;
    this.#agreement = null;
  }

  /** Page load: the notice to show. Nothing heavy, no key, no camera. */
  async load(): Promise<ConsentManifest> {
    this.reset();
    const run = this.#runs.start();
    const session = await run.settle(this.#fetchSession(run));
    const manifest = resolveManifest(session, this.#config().manifest);
    this.session = session;
    this.manifest = manifest;
    return manifest;
  }

  /** The person agreed: records when, and returns the consent receipt for the event. */
  agree(): ConsentReceipt {
    this.#agreement = { at: new Date(), receiptId: crypto.randomUUID() };
    return this.consentReceipt();
  }

  /** The consent receipt for the current session (its `sessionId` follows a silently renewed session). */
  consentReceipt(): ConsentReceipt {
    if (!this.manifest || !this.session || !this.#agreement) throw new FaceVerifyError('seal-failed', 'No agreement was recorded in this session.');
    return buildConsentReceipt({ manifest: this.manifest, sessionId: this.session.sessionId, agreedAt: this.#agreement.at, receiptId: this.#agreement.receiptId });
  }

  /**
   * A new capture challenge bound to this session's key (made on first use). A session token that
   * expired while the person read, or a server whose notice changed, gets a new session first.
   * @throws FaceVerifyError 'session-invalid' when the notice changed since it was shown;
   *   'session-unavailable' when an endpoint fails or times out.
   */
  async renewChallenge(signal?: AbortSignal): Promise<Challenge> {
    const run = this.#runs.start();
    const onAbort = (): void => this.#runs.abort('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      this.key ??= await run.settle(createAttestationKey());
      let token: string;
      try {
        token = await run.settle(this.#fetchChallenge(run));
      } catch (error) {
        if (!(error instanceof EndpointError) || onChallengeRefused(error.serverCode) === 'fail') throw error;
        await this.#renewSession(run);
        token = await run.settle(this.#fetchChallenge(run));
      }
      const receivedAt = performance.now();
      const claims = this.#readClaims(token);
      this.challenge = { token, claims, clock: new ChallengeClock(claims, receivedAt) };
      return this.challenge;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async #renewSession(run: Run): Promise<void> {
    const shown = this.manifest;
    const session = await run.settle(this.#fetchSession(run));
    const manifest = resolveManifest(session, this.#config().manifest);
    if (!shown || afterSessionRenewed(canonicalHash(shown), canonicalHash(manifest)) === 'notice-changed') {
      throw new FaceVerifyError('session-invalid', 'The notice changed since you read it. Read it again before continuing.');
    }
    this.session = session;
  }

  #fetchSession(run: Run): Promise<SessionResponse> {
    const { sessionUrl, headers, sessionTimeoutMs, languages } = this.#config();
    if (!sessionUrl) {
      throw new FaceVerifyError('config-invalid', 'Set the `session-url` attribute to your backend endpoint that calls createSession().');
    }
    return requestSession({ url: sessionUrl, headers, languages, signal: run.signal, timeoutMs: sessionTimeoutMs });
  }

  #fetchChallenge(run: Run): Promise<string> {
    const { headers, challengeTimeoutMs } = this.#config();
    const session = this.session!;
    return requestChallenge({
      url: this.resolve(session.challengeUrl),
      session: session.session,
      jkt: this.key!.thumbprint,
      path: this.path,
      headers,
      signal: run.signal,
      timeoutMs: challengeTimeoutMs,
    });
  }

  #readClaims(token: string): ChallengeClaims {
    let claims: ChallengeClaims;
    try {
      claims = readChallengeClaims(token);
    } catch (cause) {
      throw new FaceVerifyError('session-invalid', `The challenge cannot be read: ${(cause as Error).message}`, { cause });
    }
    if (claims.sid !== this.session!.sessionId || claims.mode !== this.session!.mode) {
      throw new FaceVerifyError('session-invalid', 'The challenge names another session or mode than the session it was asked for.');
    }
    const problems = scriptProblems(claims.liveness);
    if (problems.length || claims.liveness.path !== this.path) {
      throw new FaceVerifyError('session-invalid', `The challenge's liveness script is not one this widget can play (${problems.join('; ') || `path ${claims.liveness.path}, asked for ${this.path}`}).`);
    }
    return claims;
  }

  /** An endpoint URL from the session response, resolved against the session URL. */
  resolve(url: string): string {
    return new URL(url, new URL(this.#config().sessionUrl, document.baseURI)).href;
  }
}
