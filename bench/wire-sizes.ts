/**
 * The sizes format v2 promises, measured in one run with the demo's real notice: the attestation at
 * 150 and 600 analysed frames (it must not grow with the trace, and stay under 4 KB), the largest
 * upload header, the rows stored per page view, and how fast a page view's session is signed.
 * `node --import tsx bench/wire-sizes.ts`
 */
import { decodeJwt } from 'jose';
import { demoManifest } from '../demo/server/manifest.js';
import { createAttestationKey } from '../src/crypto/attestation-key.js';
import { generateOperatorKey } from '../src/crypto/operator-key.js';
import { buildConsentReceipt } from '../src/flow/consent-receipt.js';
import { buildSubmission } from '../src/flow/submission.js';
import { openPGlite } from '../src/server/database.js';
import { generateSigningKey } from '../src/server/keys.js';
import { FaceVerifyServer } from '../src/server/server.js';
import { buildTrace } from '../src/shared/trace.js';
import { liveTrace } from '../test/fixtures/live-trace.js';
import type { ChallengeClaims } from '../src/shared/wire.js';

const db = await openPGlite('memory://');
const server = await FaceVerifyServer.open({
  database: db,
  signingKey: await generateSigningKey(),
  operatorKeys: [generateOperatorKey().privateJwk],
  manifest: demoManifest,
  issuer: 'makers-market-demo',
  challengeUrl: '/api/face-verify/challenge',
  submitUrl: '/api/face-verify/submit',
});

async function upload(frames: number): Promise<{ attestation: number; largestHeader: number; body: number }> {
  const session = await server.createSession();
  const key = await createAttestationKey();
  const { challenge } = await server.createChallenge({ session: session.session, jkt: key.thumbprint });
  const claims = decodeJwt(challenge) as unknown as ChallengeClaims;
  // A person doing what the script asks, analysed at `frames` frames over the recording.
  const probe = liveTrace(claims.liveness);
  const live = liveTrace(claims.liveness, { fps: (frames * 1000) / probe.durationMs });
  const trace = buildTrace(live.samples);
  const sealed = await buildSubmission({
    challenge, claims, key,
    payload: new Uint8Array(250_000), payloadType: 'video/webm',
    evidence: { v: 2, trace, liveness: live.report, signals: live.signals },
    capture: { startedAfterMs: 4000, durationMs: live.durationMs, width: 640, height: 480, frames: trace.rows.length },
    consent: buildConsentReceipt({ manifest: session.manifest, sessionId: session.sessionId, agreedAt: new Date(), receiptId: crypto.randomUUID() }),
  });
  const form = new FormData();
  form.append('attestation', sealed.attestation);
  form.append('sealed', new Blob([sealed.sealed as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), 'sealed');
  const request = new Request('http://127.0.0.1/api/face-verify/submit', { method: 'POST', body: form, headers: { 'idempotency-key': sealed.idempotencyKey } });
  const largestHeader = Math.max(...[...request.headers].map(([k, v]) => `${k}: ${v}`.length));
  return { attestation: sealed.attestation.length, largestHeader, body: (await request.arrayBuffer()).byteLength };
}

const at150 = await upload(150);
const at600 = await upload(600);
console.log(`attestation: ${at150.attestation} B at 150 frames, ${at600.attestation} B at 600 frames (ratio ${(at600.attestation / at150.attestation).toFixed(3)}; limit 4096)`);
console.log(`largest upload header: ${Math.max(at150.largestHeader, at600.largestHeader)} B (limit 1024)`);
console.log(`upload body: ${at150.body} B at 150 frames, ${at600.body} B at 600 (250 000-byte clip)`);

const views = 2000;
const started = performance.now();
for (let i = 0; i < views; i++) await server.createSession();
const ms = performance.now() - started;
const { rows } = await db.query<{ n: number }>(
  `SELECT ((SELECT count(*) FROM face_verify_submissions) + (SELECT count(*) FROM face_verify_spent_nonces) + (SELECT count(*) FROM face_verify_receipts))::int AS n`,
);
console.log(`page views: ${views} sessions in ${ms.toFixed(0)} ms (${(views / (ms / 1000)).toFixed(0)}/s), rows stored: ${rows[0]!.n}`);
await server.close();
await db.close();
