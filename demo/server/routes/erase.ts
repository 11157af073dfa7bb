/**
 * The person's receipt link, opened on /erase (demo/site/erase.js reads the link's fragment): what
 * is held about them, `POST /api/your-data {receipt, token}`, and its erasure — which is also the
 * withdrawal of consent — `POST /api/erase {receipt, token}`. Both answers are typed; neither route
 * reads a receipt or token from the URL.
 */
import type { FaceVerifyServer } from '../../../src/server/index.js';
import type { AuditLog } from '../audit-log.js';
import { receiptCredentials } from '../receipt-credentials.js';
import { sendJson } from '../respond.js';
import type { Route } from '../router.js';

export const YOUR_DATA_URL = '/api/your-data';
export const ERASE_URL = '/api/erase';

export function eraseRoutes(faceVerify: FaceVerifyServer, audit: AuditLog): Route[] {
  return [
    {
      path: YOUR_DATA_URL,
      async POST({ req, res, url }) {
        const { receipt, token } = await receiptCredentials(req, url);
        await sendJson(req, res, 200, await faceVerify.describeSubmission(receipt, token));
      },
    },
    {
      path: ERASE_URL,
      async POST({ req, res, url }) {
        const { receipt, token } = await receiptCredentials(req, url);
        const summary = await faceVerify.eraseSubmission(receipt, token);
        // The operator's audit lines stay (who opened what, when) but no longer name this person's receipt.
        const auditLines = await audit.forget(summary.receiptId);
        await sendJson(req, res, 200, { ...summary, auditLinesUnlinked: auditLines });
      },
    },
  ];
}
