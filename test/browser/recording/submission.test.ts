/**
 * A cooperative stand-in person (the katiehill clip through test/stand-in, following the prompts
 * and reflecting the colours), so the liveness check passes and the flow reaches review. Sending:
 * the upload's format and headers, a retry that must send the very same sealed bytes, a
 * cancellable "sending", and what a Cancel tells the person about what arrived.
 */
import { assert, assertEqual } from '../helpers/assert.js';
import { backendLog, backendStored, liveTracks, query, shadowText, waitFor, waitForNothingRunning, waitForStep } from '../helpers/element.js';
import { useHarness } from '../helpers/harness.js';
import { describe, it } from '../helpers/mocha.js';

const tag = () => Math.random().toString(36).slice(2, 8);

describe('<face-verify> recording, sending and their exit paths', () => {
  const h = useHarness({ standIn: true });

  it('sends multipart with the attestation first, no header over 1 KiB, shows the receipt, and switches everything off', async () => {
    const variant = `ok--${tag()}`;
    await h.toReview(variant);
    assertEqual(liveTracks(h.camera.streams), 0, 'the camera is off during the review');
    const submitted = new Promise<string>((r) => h.el!.addEventListener('face-verify-submitted', (e) => r(e.detail.receipt.receiptId)));
    h.click('send');
    const receiptId = await submitted;
    await waitForStep(h.el!, 'done');
    assert(shadowText(h.el!).includes(receiptId), 'the receipt id is shown');
    const submit = (await backendLog(variant)).filter((e) => e.route === 'submit');
    assertEqual(submit.length, 1, 'submit requests');
    const headers = submit[0]!.headers;
    assert(headers['content-type']!.startsWith('multipart/form-data; boundary='), `content-type: ${headers['content-type']}`);
    assert(/^[A-Za-z0-9_-]{22}$/.test(headers['idempotency-key'] ?? ''), `idempotency-key: ${headers['idempotency-key']}`);
    assertEqual(headers['face-verify-attestation'], undefined, 'no attestation header');
    const largest = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).sort((a, b) => b.length - a.length)[0]!;
    console.log(`largest upload header: ${largest.length} bytes (${largest.split(':')[0]})`);
    assert(largest.length <= 1024, `largest header is ${largest.length} bytes: ${largest.slice(0, 80)}…`);
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
    await waitForNothingRunning(h.camera, h.workers, 'after done');
  });

  it('a stored-but-unanswered upload is retried by itself with backoff (Try now skips the wait): the first receipt, one stored, one key', async () => {
    const variant = `store-then-503--${tag()}`;
    await h.toReview(variant);
    const statuses: string[] = [];
    const at: Record<string, number> = {};
    let nextAttemptAt = 0;
    h.el!.addEventListener('face-verify-delivery', (e) => {
      const key = `${e.detail.state}:${e.detail.failures}`;
      statuses.push(key);
      at[key] ??= Date.now();
      if (key === 'waiting:1') nextAttemptAt = e.detail.nextAttemptAt!;
    });
    const submitted = new Promise<string>((r) => h.el!.addEventListener('face-verify-submitted', (e) => r(e.detail.receipt.receiptId)));
    h.click('send');
    await waitFor('a wait after the first 503', () => statuses.includes('waiting:1'), 10_000);
    assertEqual(h.el!.getAttribute('step'), 'sending', 'a failed attempt does not leave the sending step');
    const shown = query(h.el!, '[part~="delivery"]');
    assertEqual(shown.getAttribute('data-state'), 'waiting', 'the status part says waiting');
    assert(/Waiting for the network/.test(shown.textContent ?? ''), `the person is told: ${shown.textContent}`);
    assertEqual((await backendStored(variant)).stored, 1, 'the first upload was stored');
    const clicked = Date.now();
    assert(nextAttemptAt - clicked > 200, `the backoff still had ${nextAttemptAt - clicked} ms to run when Try now was pressed`);
    h.click('try-now');
    await waitFor('the next attempt', () => statuses.includes('sending:1'), 2_000);
    assert(at['sending:1']! < nextAttemptAt, 'Try now started the next attempt before the backoff ended');
    const receiptId = await submitted;
    await waitForStep(h.el!, 'done');
    const stored = await backendStored(variant);
    assertEqual(stored.stored, 1, 'still exactly one stored');
    assertEqual(receiptId, stored.receiptIds[0], "the receipt is the first submission's");
    const submits = (await backendLog(variant)).filter((e) => e.route === 'submit');
    assertEqual(submits.length, 4, 'three 503s, then the answer');
    assertEqual(new Set(submits.map((e) => e.headers['idempotency-key'])).size, 1, 'one idempotency key for every request');
    assertEqual(new Set(submits.map((e) => e.headers['content-length'])).size, 1, 'the same body length every time');
  });

  it('"sending" can be cancelled back to the review, and Send then uploads the kept submission', async () => {
    const variant = `slow-submit--${tag()}`;
    await h.toReview(variant);
    // Keep the signal of every upload request, to see that Cancel really aborts the one in flight.
    const uploads: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/submit') && init?.signal) uploads.push(init.signal);
      return realFetch(input, init);
    };
    h.restore.push(() => void (window.fetch = realFetch));
    h.click('send');
    await waitForStep(h.el!, 'sending');
    await waitFor('the upload to reach the server', async () => (await backendLog(variant)).some((e) => e.route === 'submit'), 5_000);
    h.click('cancel-send');
    await waitForStep(h.el!, 'review');
    assertEqual(uploads.length, 1, 'upload requests before Cancel');
    assertEqual(uploads[0]!.aborted, true, 'Cancel aborted the upload in flight');
    assert(query<HTMLVideoElement>(h.el!, 'video[part="review-video"]').src.startsWith('blob:'), 'the clip is still there to watch');
    h.click('send');
    await waitForStep(h.el!, 'done', 20_000);
    const submits = (await backendLog(variant)).filter((e) => e.route === 'submit');
    assertEqual(submits.length, 2, 'submit requests');
    assertEqual(submits[0]!.headers['idempotency-key'], submits[1]!.headers['idempotency-key'], 'the same idempotency key after Cancel');
    assertEqual(submits[0]!.headers['content-length'], submits[1]!.headers['content-length'], 'the same body length after Cancel');
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
  });

  it('a Cancel that came after the server stored the upload, then a retake, ends with the stored one\'s receipt: one stored, none without a receipt', async () => {
    const variant = `store-then-slow--${tag()}`;
    await h.toReview(variant);
    h.click('send');
    await waitFor('the first upload to be stored', async () => (await backendStored(variant)).stored === 1, 10_000);
    const first = (await backendStored(variant)).receiptIds[0];
    h.click('cancel-send');
    await waitForStep(h.el!, 'review');
    h.click('retake');
    await waitForStep(h.el!, 'capture', 60_000);
    await waitForStep(h.el!, 'review', 60_000);
    const submitted = new Promise<string>((r) => h.el!.addEventListener('face-verify-submitted', (e) => r(e.detail.receipt.receiptId)));
    h.click('send');
    assertEqual(await submitted, first, 'the receipt shown is the one of the submission the server holds');
    await waitForStep(h.el!, 'done');
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
    await waitForNothingRunning(h.camera, h.workers, 'after done');
  });

  it('Cancel after the server stored the upload, then Cancel again: the person is told it arrived and gets its receipt and erasure link', async () => {
    const variant = `store-then-slow--${tag()}`;
    await h.toReview(variant);
    const declined = new Promise<{ reason: string; storedReceipt?: { receiptId: string } }>((r) => h.el!.addEventListener('face-verify-declined', (e) => r(e.detail)));
    h.click('send');
    await waitFor('the upload to be stored', async () => (await backendStored(variant)).stored === 1, 10_000);
    const first = (await backendStored(variant)).receiptIds[0];
    h.click('cancel-send');
    await waitForStep(h.el!, 'review');
    h.click('cancel');
    const detail = await declined;
    assertEqual(detail.reason, 'cancelled', 'declined reason');
    assertEqual(detail.storedReceipt?.receiptId, first, 'the declined event carries the stored receipt');
    await h.el!.updateComplete;
    assertEqual(query(h.el!, '[part="receipt-id"]').textContent?.trim(), first, 'the receipt id shown');
    assert(query<HTMLAnchorElement>(h.el!, 'a[part="erase-link"]').hash.startsWith(`#receipt=${first}&token=`), 'an erasure link for it');
    assert(!shadowText(h.el!).includes('Nothing was sent'), 'never "nothing was sent" when something was');
    assertEqual((await backendStored(variant)).stored, 1, 'stored submissions');
    await waitForNothingRunning(h.camera, h.workers, 'after declined');
  });

  it('Cancel before the upload reached the server: "nothing was sent" is true, and asking stored nothing', async () => {
    const variant = `hang-first-submit--${tag()}`;
    await h.toReview(variant);
    const declined = new Promise<{ storedReceipt?: unknown }>((r) => h.el!.addEventListener('face-verify-declined', (e) => r(e.detail)));
    h.click('send');
    await waitFor('the upload to reach the server', async () => (await backendLog(variant)).some((e) => e.route === 'submit'), 5_000);
    h.click('cancel-send');
    await waitForStep(h.el!, 'review');
    h.click('cancel');
    assertEqual((await declined).storedReceipt, undefined, 'no stored receipt');
    await h.el!.updateComplete;
    assert(shadowText(h.el!).includes('Nothing was sent'), `shows the cancelled text: ${shadowText(h.el!).slice(0, 120)}`);
    assertEqual((await backendStored(variant)).stored, 0, 'nothing stored, by the upload or by asking');
    const lookups = (await backendLog(variant)).filter((e) => e.route === 'submit' && e.headers['face-verify-lookup'] === '1');
    assertEqual(lookups.length, 1, 'one lookup request');
  });

  it('Cancel while the server cannot be reached: the person is told it could not be checked, not that nothing was sent', async () => {
    const variant = `hang-first-submit--${tag()}`;
    await h.toReview(variant);
    h.click('send');
    await waitFor('the upload to reach the server', async () => (await backendLog(variant)).some((e) => e.route === 'submit'), 5_000);
    h.click('cancel-send');
    await waitForStep(h.el!, 'review');
    // The network goes away: every further request to the submit endpoint fails.
    const realFetch = window.fetch;
    window.fetch = (input, init) =>
      String(input instanceof Request ? input.url : input).endsWith('/submit') ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(input, init);
    h.restore.push(() => void (window.fetch = realFetch));
    h.click('cancel');
    await waitFor(`the "could not be asked" outcome (now: ${shadowText(h.el!).slice(0, 80)})`, () => shadowText(h.el!).includes('could not be asked'), 15_000);
    const text = shadowText(h.el!);
    assert(!text.includes('Nothing was sent'), 'never claims nothing was sent');
    await waitForNothingRunning(h.camera, h.workers, 'after declined');
  });

});
