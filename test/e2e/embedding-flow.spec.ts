/**
 * The demo in the zero-upload mode (DEMO_MODE=embedding, playwright.config.ts's second server):
 * a seller's session sends a sealed face template and no image, a second session of the same face
 * is shown to the operator as a look-alike of the first, and a different person is not.
 *
 * The three tests run in order on one server: the later ones compare against what the earlier ones
 * stored. Distances are also computed here from the opened templates themselves (plain float32
 * arithmetic on the bytes the independent verifier opened, no project code), and printed with their
 * margins to the threshold.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page, type Request } from '@playwright/test';
import { verifyIndependently } from '../interop/independent-verifier.js';
import { installCameraSpy, lastUpload, trackStates, workerCounts } from './camera-spy.js';
import { installStandIn } from './stand-in.js';

const OPERATOR_KEY = 'e2e-operator-key';
const OPERATOR = { headers: { authorization: `Bearer ${OPERATOR_KEY}` } };
const KEY_FILE = fileURLToPath(new URL('../../.cache/e2e-embedding-secrets/keys.json', import.meta.url));
/** The server's default; the demo sets no template policy of its own. */
const THRESHOLD = 0.4;
/** File signatures of JPEG, PNG, WebP/RIFF, WebM/Matroska, MP4 ("ftyp" at 4) and GIF. */
const IMAGE_SIGNATURES = [[0xff, 0xd8, 0xff], [0x89, 0x50, 0x4e, 0x47], [0x52, 0x49, 0x46, 0x46], [0x1a, 0x45, 0xdf, 0xa3], [0x47, 0x49, 0x46, 0x38]];

interface Session { receiptId: string; template: Float32Array; requests: Request[]; uploadBytes: number; evidence: Record<string, unknown> }

function templateOf(payload: Uint8Array): Float32Array {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return Float32Array.from({ length: payload.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

function distance(a: Float32Array, b: Float32Array): number {
  return Math.sqrt(a.reduce((sum, x, i) => sum + (x - b[i]!) ** 2, 0));
}

function containsSignature(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    if (IMAGE_SIGNATURES.some((sig) => sig.every((b, k) => bytes[i + k] === b))) return true;
    if (bytes[i + 4] === 0x66 && bytes[i + 5] === 0x74 && bytes[i + 6] === 0x79 && bytes[i + 7] === 0x70) return true;
  }
  return false;
}

/** The longest string anywhere in a JSON value (an image would be a long base64 one). */
function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestString));
  if (value && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestString));
  return 0;
}

/** One seller, from the notice to a receipt, with `clip`'s person in front of the camera. */
async function checkOnce(page: Page, clip: string): Promise<Session> {
  await installStandIn(page, { clip, mode: 'cooperative' });
  await installCameraSpy(page);
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.goto('/');
  const fv = page.locator('face-verify');
  await expect(fv.getByText('your face, analysed on this device')).toBeVisible();
  await expect(fv.getByText('No image or video leaves your device', { exact: false })).toBeVisible();
  await fv.getByRole('checkbox').check();
  await fv.getByRole('button', { name: 'Continue' }).click();
  await expect(fv).toHaveAttribute('step', 'review', { timeout: 90_000 });
  // The review shows the crops the template was made from and plays no video.
  expect(await fv.locator('canvas[part="review-crop"]').count()).toBeGreaterThanOrEqual(3);
  await expect(fv.locator('video[part="review-video"]')).toHaveCount(0);
  await expect(fv.locator('[part="what-is-sent"]')).toContainText('No image or video is sent');
  expect((await trackStates(page)).every((s) => s === 'ended')).toBe(true);

  const uploading = page.waitForRequest((r) => r.url().endsWith('/api/face-verify/submit') && r.method() === 'POST');
  await fv.getByRole('button', { name: 'Send', exact: true }).click();
  const upload = await uploading;
  await expect(fv).toHaveAttribute('step', 'done', { timeout: 30_000 });
  await expect(fv.locator('[part="receipt"]').first()).toContainText('face template');

  const keys = JSON.parse(readFileSync(KEY_FILE, 'utf8')) as { signing: { kty: string; crv: string; x: string }; operator: { kid: string }[] };
  const sent = await lastUpload(page);
  const independent = await verifyIndependently(
    sent.body,
    { ...(await upload.allHeaders()), 'content-type': sent.contentType },
    { kty: keys.signing.kty, crv: keys.signing.crv, x: keys.signing.x },
    keys.operator[0]! as never,
  );
  expect(independent.claims['payload'].type).toBe('application/vnd.face-verify.template-v1');
  expect(independent.payload.length).toBe(512);
  expect(await trackStates(page)).not.toContain('live');
  await expect.poll(async () => { const w = await workerCounts(page); return w.terminated - w.created; }, { timeout: 5_000 }).toBe(0);
  // Two workers in this mode: the landmarker and the template's descriptor.
  expect((await workerCounts(page)).created).toBeGreaterThanOrEqual(2);
  return {
    receiptId: (await fv.locator('[part="receipt-id"]').textContent())!.trim(),
    template: templateOf(independent.payload),
    requests,
    uploadBytes: sent.body.length,
    evidence: independent.evidence,
  };
}

async function lookalikes(page: Page, receiptId: string): Promise<{ threshold: number; matches: { receiptId: string; distance: number }[] }> {
  const submissions = (await (await page.request.get('/api/operator/submissions', OPERATOR)).json()) as { id: string; receiptId: string }[];
  const row = submissions.find((s) => s.receiptId === receiptId);
  expect(row, `submission ${receiptId} is stored`).toBeTruthy();
  return (await page.request.get(`/api/operator/submissions/${row!.id}/matches`, OPERATOR)).json();
}

test.describe.serial('zero-upload mode', () => {
  let first: Session;
  let second: Session;

  test('a seller sends a sealed 512-byte face template and no image: no request carries one, the evidence is numbers', async ({ page, baseURL }) => {
    first = await checkOnce(page, 'hill');
    const origin = new URL(baseURL!).origin;
    expect(first.requests.map((r) => r.url()).filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    // No body the page sent in the clear holds an image file; the sealed upload is opened above
    // (a 512-byte template and evidence of numbers and short strings) and is far below one second
    // of this clip's video.
    const bodies = first.requests.map((r) => r.postDataBuffer()).filter((b): b is Buffer => b !== null);
    for (const body of bodies) expect(containsSignature(body), 'an image signature in a request body').toBe(false);
    expect(first.uploadBytes).toBeLessThan(64 * 1024);
    expect(longestString(first.evidence)).toBeLessThan(200);
    const summary = (await (await page.request.get('/api/operator/submissions', OPERATOR)).json()) as { receiptId: string; mode: string; mimeType: string; payloadBytes: number }[];
    const stored = summary.find((s) => s.receiptId === first.receiptId)!;
    expect([stored.mode, stored.mimeType, stored.payloadBytes]).toEqual(['embedding', 'application/vnd.face-verify.template-v1', 512]);
    console.log(`e2e embedding upload: ${first.uploadBytes} bytes in all, ${bodies.length} request bodies`);
  });

  test('a second session of the same face is shown to the operator as a look-alike of the first', async ({ page }) => {
    second = await checkOnce(page, 'hill');
    const own = distance(first.template, second.template);
    const found = await lookalikes(page, second.receiptId);
    expect(found.threshold).toBe(THRESHOLD);
    expect(found.matches.map((m) => m.receiptId)).toContain(first.receiptId);
    const match = found.matches.find((m) => m.receiptId === first.receiptId)!;
    expect(match.distance).toBeCloseTo(own, 4);
    console.log(`e2e same face, two sessions: distance ${own.toFixed(3)} (threshold ${THRESHOLD}, margin ${(THRESHOLD - own).toFixed(3)})`);

    // The operator page shows it, and the search is in the audit log.
    await page.goto('/operator');
    await page.getByLabel('Operator key').fill(OPERATOR_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const row = page.locator(`#rows tr[data-id="${second.receiptId}"]`);
    await expect(row).toContainText('Face template, 512 bytes (no image)');
    // The distance itself is checked above against the plain arithmetic; the page shows it rounded.
    await expect(row).toContainText(`Yes, 1: nearest ${first.receiptId} at 0.`);
    await expect(row).toContainText('passed');
    await row.getByRole('button', { name: 'Look-alikes' }).click();
    await expect(page.locator('#lookalike-rows')).toContainText(first.receiptId);
    const audit = (await (await page.request.get('/api/operator/audit', OPERATOR)).json()) as { receiptId: string; action: string }[];
    expect(audit.filter((a) => a.action === 'find-matches' && a.receiptId === second.receiptId).length).toBeGreaterThanOrEqual(1);
  });

  test('a different person is not a look-alike of either', async ({ page }) => {
    const other = await checkOnce(page, 'd12');
    const nearest = Math.min(distance(other.template, first.template), distance(other.template, second.template));
    const found = await lookalikes(page, other.receiptId);
    expect(found.matches.map((m) => m.receiptId)).not.toContain(first.receiptId);
    expect(found.matches.map((m) => m.receiptId)).not.toContain(second.receiptId);
    expect(nearest).toBeGreaterThan(THRESHOLD);
    const listed = (await (await page.request.get('/api/operator/submissions', OPERATOR)).json()) as { receiptId: string; lookalikes: unknown[] }[];
    expect(listed.find((s) => s.receiptId === other.receiptId)!.lookalikes).toEqual([]);
    console.log(`e2e different people: nearest distance ${nearest.toFixed(3)} (threshold ${THRESHOLD}, margin ${(nearest - THRESHOLD).toFixed(3)})`);
  });
});
