/** The seller's erasure link: `POST /api/erase {receipt, token}` (the erase page posts it). */
import { readJsonBody, type FaceVerifyServer } from '../../../src/server/index.js';
import { sendJson } from '../respond.js';
import type { Route } from '../router.js';

const MAX_ERASE_BODY = 4 * 1024;

export function eraseRoutes(faceVerify: FaceVerifyServer): Route[] {
  return [
    {
      path: '/api/erase',
      async POST({ req, res }) {
        const body = await readJsonBody(req, MAX_ERASE_BODY);
        await sendJson(req, res, 200, await faceVerify.eraseSubmission(String(body['receipt'] ?? ''), String(body['token'] ?? '')));
      },
    },
  ];
}
