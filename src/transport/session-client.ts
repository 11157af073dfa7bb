import { FaceVerifyError } from '../shared/errors.js';
import { isRecord } from '../shared/guards.js';
import { VERIFICATION_MODES } from '../shared/manifest.js';
import type { LivenessPath } from '../shared/liveness-script.js';
import type { ChallengeResponse, SessionResponse } from '../shared/wire.js';
import { postJson } from './post-json.js';

interface Common {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Deadline for the whole request; 'session-unavailable' after it. */
  timeoutMs: number;
}

/**
 * Page load: asks the host's backend for the notice and a session token. POST `{ languages }` (the
 * widget's locale, then the page's and browser's languages, so the server can pick the notice in the
 * person's language; nothing about the person is known yet), answered with a {@link SessionResponse}.
 * @throws EndpointError 'session-unavailable' (network, deadline, HTTP error) or FaceVerifyError
 *   'session-invalid' (the answer is not a v2 session).
 */
export async function requestSession(request: Common & { url: string; languages?: readonly string[] }): Promise<SessionResponse> {
  const { languages, ...rest } = request;
  const body = await postJson({ ...rest, body: { languages: [...(languages ?? [])] }, what: 'session endpoint' });
  const problem = sessionProblem(body);
  if (problem) throw new FaceVerifyError('session-invalid', `The session response from ${request.url} is invalid: ${problem}.`);
  return body as SessionResponse;
}

/**
 * After consent: asks for a capture challenge bound to the widget's key. POST `{ session, jkt, path }`,
 * answered with `{ v: 2, challenge }`.
 * @throws EndpointError 'session-unavailable' (its `serverCode` is 'session-expired' when the session
 *   token aged out, 'consent-invalid' when the notice changed) or FaceVerifyError 'session-invalid'.
 */
export async function requestChallenge(request: Common & { url: string; session: string; jkt: string; path: LivenessPath }): Promise<string> {
  const { session, jkt, path, ...rest } = request;
  const body = await postJson({ ...rest, body: { session, jkt, path }, what: 'challenge endpoint' });
  const c = body as Partial<ChallengeResponse>;
  if (!isRecord(body) || c.v !== 2 || typeof c.challenge !== 'string' || c.challenge.split('.').length !== 3) {
    throw new FaceVerifyError('session-invalid', `The challenge response from ${request.url} is invalid: it must be { v: 2, challenge: <JWT> }.`);
  }
  return c.challenge;
}

function sessionProblem(body: unknown): string | null {
  if (!isRecord(body)) return 'it is not an object';
  const s = body as Partial<SessionResponse>;
  if (s.v !== 2) return '`v` must be 2 (is the backend on face-verify/server of the same version?)';
  if (typeof s.session !== 'string' || s.session.split('.').length !== 3) return '`session` must be a JWT';
  if (typeof s.sessionId !== 'string' || !s.sessionId) return '`sessionId` is missing';
  if (!VERIFICATION_MODES.includes(s.mode!)) return '`mode` must be "clip" or "embedding"';
  if (typeof s.challengeUrl !== 'string' || !s.challengeUrl) return '`challengeUrl` is missing';
  if (typeof s.submitUrl !== 'string' || !s.submitUrl) return '`submitUrl` is missing';
  if (!isRecord(s.liveness) || typeof s.liveness['reducedPath'] !== 'boolean') return '`liveness.reducedPath` must be true or false';
  // The manifest itself is validated by the flow, which shows every problem to the operator.
  return null;
}
