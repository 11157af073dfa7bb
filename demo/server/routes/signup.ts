/**
 * The marketplace's own signup: one face check opens one shop, from the browser that did the check.
 * `POST /api/signup {shop, receiptId}` needs a stored receipt whose `sessionId` is the one in this
 * browser's signed session cookie, and that no shop was opened with before.
 */
import { isFaceVerifyError, readJsonBody, type FaceVerifyServer, type SubmissionReceipt } from '../../../src/server/index.js';
import { DemoError } from '../demo-error.js';
import { sendJson } from '../respond.js';
import type { RequestContext, Route } from '../router.js';
import type { SessionBinding } from '../session-binding.js';
import type { UsedReceipts } from '../used-receipts.js';

const MAX_SIGNUP_BODY = 4 * 1024;
const MAX_SHOP_CHARS = 100;

export interface SignupDeps {
  faceVerify: FaceVerifyServer;
  binding: SessionBinding;
  usedReceipts: UsedReceipts;
  now: () => number;
}

export function signupRoutes(d: SignupDeps): Route[] {
  return [{ path: '/api/signup', POST: (ctx) => signup(d, ctx) }];
}

async function signup(d: SignupDeps, { req, res }: RequestContext): Promise<void> {
  const body = await readJsonBody(req, MAX_SIGNUP_BODY);
  const shop = typeof body['shop'] === 'string' ? body['shop'].trim() : '';
  const receiptId = typeof body['receiptId'] === 'string' ? body['receiptId'] : '';
  if (shop === '' || shop.length > MAX_SHOP_CHARS) {
    throw new DemoError(422, 'shop-invalid', `Give your shop a name of 1 to ${MAX_SHOP_CHARS} characters.`);
  }
  if (receiptId === '') throw new DemoError(422, 'receipt-missing', 'Do the face check first: no receipt was sent.');

  const sessionId = d.binding.read(req);
  if (sessionId === undefined) {
    throw new DemoError(403, 'session-cookie-missing', 'This browser has no face-check session. Reload the page and do the face check here.');
  }
  let receipt: SubmissionReceipt;
  try {
    receipt = await d.faceVerify.getReceipt(receiptId);
  } catch (error) {
    if (isFaceVerifyError(error) && (error.code === 'receipt-unknown' || error.code === 'invalid-argument')) {
      throw new DemoError(422, 'receipt-unknown', 'No face check with this receipt is stored (it may have been erased). Do the face check again.');
    }
    throw error;
  }
  if (receipt.sessionId !== sessionId) {
    throw new DemoError(403, 'receipt-not-yours', 'This receipt is from a face check done in another browser session. Do the face check here.');
  }
  if (!(await d.usedReceipts.claim({ receiptId, shop, at: new Date(d.now()).toISOString() }))) {
    throw new DemoError(409, 'receipt-used', 'This face check already opened a shop; one face check opens one shop.');
  }
  await sendJson(req, res, 200, { ok: true, shop });
}
