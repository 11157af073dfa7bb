/**
 * "Download receipt" on the receipt view, rendered by the element's own template and controller in
 * a small host (reaching the real receipt step needs a whole recorded session; the recording suite
 * checks the link is there): the link saves the submission receipt, the consent receipt and the
 * erasure link as face-verify-receipt-<id>.json, and its object URL is revoked once the receipt
 * leaves the screen or the element leaves the page.
 */
import { LitElement, nothing } from 'lit';
import { en } from '../../../src/element/i18n/en.js';
import { ReceiptDownload, receiptFile, receiptFileName, sentConsent } from '../../../src/element/receipt-download.js';
import { doneTemplate } from '../../../src/element/templates/outcome.js';
import type { ConsentReceipt, SubmissionReceipt } from '../../../src/shared/wire.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

const receipt: SubmissionReceipt = {
  receiptId: 'rcpt_AbC-123', sessionId: 'sess-2', mode: 'clip', receivedAt: '2026-12-04T10:00:00.000Z',
  sealedSha256: 'x'.repeat(43), sealedBytes: 200_000, payloadSha256: 'y'.repeat(43), retentionUntil: '2027-01-03T10:00:00.000Z',
  erasureUrl: 'https://shop.example/erase#receipt=rcpt_AbC-123&token=tok', consentReceiptId: 'cr-1', liveness: { level: 'passed', reasons: [] },
};
const agreed: ConsentReceipt = {
  receiptId: 'cr-1', timestamp: '2026-12-04T09:59:00.000Z', controller: { name: 'Test Market', contact: 'p@test.example' },
  policyUrl: '/privacy', purpose: 'To check.', consentType: 'explicit', sensitive: 'biometric', noticeHash: 'h'.repeat(43),
  noticeVersion: '1', locale: 'en', widgetVersion: '0', mode: 'clip', sessionId: 'sess-1', destructionDeadline: '2027-01-03T09:59:00.000Z',
};

class ReceiptHost extends LitElement {
  static override properties = { shown: { attribute: false } };
  declare shown: SubmissionReceipt | null;
  readonly download = new ReceiptDownload(this, () => this.shown);
  constructor() {
    super();
    this.shown = null;
  }
  protected override render() {
    const r = this.shown;
    return r ? doneTemplate(en, 'en', r, { url: this.download.urlFor(r, sentConsent(agreed, r)), fileName: receiptFileName(r.receiptId) }) : nothing;
  }
}
customElements.define('receipt-download-host', ReceiptHost);

async function mountHost(): Promise<ReceiptHost> {
  const el = document.createElement('receipt-download-host') as ReceiptHost;
  document.body.append(el);
  el.shown = receipt;
  await el.updateComplete;
  return el;
}

const link = (el: ReceiptHost) => el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="download-receipt"]');
const revoked = (url: string) => fetch(url).then(() => false, () => true);

describe('Download receipt', () => {
  let el: ReceiptHost | null = null;
  afterEach(() => {
    el?.remove();
    el = null;
  });

  it('saves face-verify-receipt-<id>.json holding the submission receipt, the consent receipt it was sent with and the erasure link', async () => {
    el = await mountHost();
    const a = link(el);
    assert(a, 'a download-receipt link');
    assertEqual(a.getAttribute('download'), 'face-verify-receipt-rcpt_AbC-123.json', 'file name');
    assert(a.href.startsWith('blob:'), `an object URL, got ${a.href}`);
    assertEqual(a.textContent?.trim(), en.done.download, 'its label');
    const file = await (await fetch(a.href)).json();
    assertEqual(JSON.stringify(file), JSON.stringify(receiptFile(receipt, { ...agreed, sessionId: 'sess-2' })), 'the file');
    assertEqual(file.erasureUrl, receipt.erasureUrl, 'the erasure link is in it');
    assertEqual(file.consent.sessionId, receipt.sessionId, 'the consent receipt names the session it was sent in');
  });

  it('revokes the object URL when the receipt leaves the screen, and again when the element leaves the page', async () => {
    el = await mountHost();
    const first = link(el)!.href;
    assertEqual(await revoked(first), false, 'usable while shown');
    el.shown = null;
    await el.updateComplete;
    assertEqual(await revoked(first), true, 'revoked after the receipt view');
    assertEqual(el.download.url, null, 'nothing kept');
    el.shown = receipt;
    await el.updateComplete;
    const second = link(el)!.href;
    assert(second !== first, 'a fresh URL when shown again');
    el.remove();
    assertEqual(await revoked(second), true, 'revoked when the element is removed');
  });

  it('leaves the consent receipt out when the agreement is not the one the submission names', () => {
    assertEqual(sentConsent(agreed, { ...receipt, consentReceiptId: 'another' }), null, 'no consent receipt');
    assertEqual(receiptFileName('a/b..c'), 'face-verify-receipt-a_b__c.json', 'unsafe characters replaced');
  });
});
