/**
 * The seller-trust team's side: sign in and out (an HttpOnly session cookie, 8 h), the list of
 * submissions (in embedding mode each with the accounts its template matches), a clip opened for
 * review and a template's look-alike search (each written to the audit log first), and the audit
 * log's tail.
 */
import { DEFAULT_MATCH_THRESHOLD, readJsonBody, type FaceVerifyServer, type SubmissionInfo } from '../../../src/server/index.js';
import type { AuditLog } from '../audit-log.js';
import { clearCookie, readCookie, setCookie } from '../cookies.js';
import { DemoError } from '../demo-error.js';
import { contentTypeOf, readFormBody } from '../form-body.js';
import { authenticateOperator, OPERATOR_COOKIE, sameSecret } from '../operator-auth.js';
import type { OperatorSessions } from '../operator-sessions.js';
import { redirect, sendBytes, sendJson } from '../respond.js';
import type { RequestContext, Route } from '../router.js';

const MAX_LOGIN_BODY = 4 * 1024;
const AUDIT_TAIL = 100;

export interface OperatorDeps {
  faceVerify: FaceVerifyServer;
  operatorKey: string;
  sessions: OperatorSessions;
  audit: AuditLog;
  now: () => number;
}

export function operatorRoutes(d: OperatorDeps): Route[] {
  const who = (ctx: RequestContext): string => authenticateOperator(ctx.req, ctx.url, d);
  return [
    { path: '/operator/login', POST: (ctx) => login(d, ctx) },
    { path: '/operator/logout', POST: (ctx) => logout(d, ctx) },
    {
      path: '/api/operator/submissions',
      async GET(ctx) {
        who(ctx);
        await sendJson(ctx.req, ctx.res, 200, await withLookalikes(d.faceVerify, await d.faceVerify.listSubmissions()));
      },
    },
    {
      path: /^\/api\/operator\/submissions\/([A-Za-z0-9_-]{1,64})\/clip$/,
      async GET(ctx) {
        const operator = who(ctx);
        const receiptId = ctx.params[0]!;
        const opened = await d.faceVerify.openSubmission(receiptId);
        // No audit line, no clip.
        await d.audit.append({ at: new Date(d.now()).toISOString(), who: operator, action: 'open-clip', receiptId, ip: ctx.ip });
        await sendBytes(ctx.req, ctx.res, 200, opened.mimeType, opened.payload, {
          headers: {
            'cache-control': 'no-store',
            'accept-ranges': 'none',
            'content-disposition': 'inline',
            'x-payload-sha256': opened.payloadSha256,
          },
        });
      },
    },
    {
      // Embedding mode: the other accounts whose face template is within the match threshold. The
      // demo passes no `templates` policy, so the threshold is face-verify's default.
      path: /^\/api\/operator\/submissions\/([A-Za-z0-9_-]{1,64})\/matches$/,
      async GET(ctx) {
        const operator = who(ctx);
        const receiptId = ctx.params[0]!;
        await d.audit.append({ at: new Date(d.now()).toISOString(), who: operator, action: 'find-matches', receiptId, ip: ctx.ip });
        await sendJson(ctx.req, ctx.res, 200, { threshold: DEFAULT_MATCH_THRESHOLD, matches: await lookalikesOf(d.faceVerify, receiptId) });
      },
    },
    {
      path: '/api/operator/audit',
      async GET(ctx) {
        who(ctx);
        await sendJson(ctx.req, ctx.res, 200, await d.audit.tail(AUDIT_TAIL));
      },
    },
  ];
}

/** A submission as the operator page lists it: embedding-mode ones with the other accounts they match now. */
export type ListedSubmission = SubmissionInfo & { lookalikes?: Lookalike[] };
interface Lookalike { receiptId: string; distance: number }

/**
 * Each embedding-mode submission with the stored templates within the threshold, nearest first:
 * searched when the list is asked for, so an erased account is never shown as a match.
 */
async function withLookalikes(faceVerify: FaceVerifyServer, list: SubmissionInfo[]): Promise<ListedSubmission[]> {
  const out: ListedSubmission[] = [];
  for (const s of list) {
    out.push(s.mode === 'embedding' ? { ...s, lookalikes: await lookalikesOf(faceVerify, s.id) } : s);
  }
  return out;
}

async function lookalikesOf(faceVerify: FaceVerifyServer, receiptId: string): Promise<Lookalike[]> {
  return (await faceVerify.findMatches(receiptId)).map((m) => ({ receiptId: m.submissionId, distance: m.distance }));
}

/** `POST /operator/login` with `{"key": …}` as JSON (the page's script) or a form (no script). */
async function login(d: OperatorDeps, { req, res }: RequestContext): Promise<void> {
  const type = contentTypeOf(req);
  const form = type === 'application/x-www-form-urlencoded';
  let key: unknown;
  if (form) key = (await readFormBody(req, MAX_LOGIN_BODY)).get('key');
  else if (type === 'application/json') key = (await readJsonBody(req, MAX_LOGIN_BODY))['key'];
  else throw new DemoError(415, 'unsupported-media-type', 'Send the key as JSON {"key": …} or as a form field "key".');

  if (typeof key !== 'string' || !sameSecret(key, d.operatorKey)) {
    if (form) return redirect(res, '/operator#login-failed');
    throw new DemoError(401, 'operator-key-wrong', 'That is not the operator key.');
  }
  const { token, session } = d.sessions.create();
  setCookie(res, OPERATOR_COOKIE, token, { maxAge: (session.expiresAt - d.now()) / 1000 });
  if (form) return redirect(res, '/operator');
  await sendJson(req, res, 200, { ok: true, who: session.id, expiresAt: new Date(session.expiresAt).toISOString() });
}

/** `POST /operator/logout`: ends the session (its token stops working at once) and clears the cookie. */
async function logout(d: OperatorDeps, { req, res }: RequestContext): Promise<void> {
  d.sessions.revoke(readCookie(req, OPERATOR_COOKIE));
  clearCookie(res, OPERATOR_COOKIE);
  if (contentTypeOf(req) === 'application/x-www-form-urlencoded') return redirect(res, '/operator');
  await sendJson(req, res, 200, { ok: true });
}
