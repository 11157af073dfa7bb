/**
 * The three endpoints the widget talks to, each a line of `face-verify/server`: the page-load
 * session (stores nothing; sets the signed session cookie), the challenge after consent, and the
 * multipart upload (streamed; method, type and length checked before the body is read). Session
 * starts and refused uploads are rate-limited per client (socket address) by face-verify.
 */
import { readJsonBody, type FaceVerifyServer } from '../../../src/server/index.js';
import { isRecord } from '../../../src/shared/guards.js';
import { clientKeyOf } from '../client-key.js';
import { sendJson } from '../respond.js';
import type { RequestContext, Route } from '../router.js';
import type { SessionBinding } from '../session-binding.js';

export const SESSION_URL = '/api/face-verify/session';
export const CHALLENGE_URL = '/api/face-verify/challenge';
export const SUBMIT_URL = '/api/face-verify/submit';

/** `{ session, jkt }` is a few hundred bytes. */
const MAX_CHALLENGE_BODY = 8 * 1024;
/** The session request is `{ languages }` (a few short tags; older widgets sent `{}` or `{ jkt }`). */
const MAX_SESSION_BODY = 1024;

export function faceVerifyRoutes(faceVerify: FaceVerifyServer, binding: SessionBinding): Route[] {
  return [
    {
      path: SESSION_URL,
      async POST({ req, res }: RequestContext) {
        const body = hasBody(req.headers) ? await readJsonBody(req, MAX_SESSION_BODY) : undefined;
        // createSession reads the languages as a hint and ignores anything malformed.
        const languages = isRecord(body) && Array.isArray(body['languages']) ? (body['languages'] as string[]) : undefined;
        const session = await faceVerify.createSession({ ...limitedAs(req), languages });
        binding.issue(res, session.sessionId);
        await sendJson(req, res, 200, session);
      },
    },
    {
      path: CHALLENGE_URL,
      async POST({ req, res }: RequestContext) {
        const body = await readJsonBody(req, MAX_CHALLENGE_BODY);
        // createChallenge checks both members itself and names what is wrong.
        await sendJson(req, res, 200, await faceVerify.createChallenge(body as { session: string; jkt: string }));
      },
    },
    {
      path: SUBMIT_URL,
      async POST({ req, res }: RequestContext) {
        const { receipt } = await faceVerify.receiveSubmission(req, limitedAs(req));
        await sendJson(req, res, 200, receipt);
      },
    },
  ];
}

/** The rate limits count this request's client by its socket address. */
function limitedAs(req: RequestContext['req']): { client?: string } {
  const client = clientKeyOf(req.socket.remoteAddress);
  return client === undefined ? {} : { client };
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
