/**
 * "Download receipt": the submission receipt, the consent receipt and the erasure link as one JSON
 * file (README "Downloaded receipt"), so the person keeps the only way to see and erase their data
 * even if they close the page. A ReactiveController, because the file's object URL must live exactly
 * as long as a receipt is on screen: it is made when first rendered and revoked when the element
 * leaves the receipt view or the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';

/** The downloaded file's content. */
export interface ReceiptFile {
  v: 1;
  type: 'face-verify-receipt';
  submission: SubmissionReceipt;
  /** The consent receipt sent with the submission; null when the element has none for it. */
  consent: ConsentReceipt | null;
  /** The erasure link again, at the top level, so it is the first thing a reader finds. */
  erasureUrl: string;
}

/** The file's content for a receipt and its consent receipt. */
export function receiptFile(submission: SubmissionReceipt, consent: ConsentReceipt | null): ReceiptFile {
  return { v: 1, type: 'face-verify-receipt', submission, consent, erasureUrl: submission.erasureUrl };
}

/** `face-verify-receipt-<receiptId>.json`; characters a file name should not hold become `_`. */
export function receiptFileName(receiptId: string): string {
  return `face-verify-receipt-${receiptId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
}

/**
 * The consent receipt that was sealed with `submission`: the one made when the person agreed,
 * carrying the submission's session id (the widget renews an expired session silently, and the
 * consent receipt it seals names the session it is sent in; README "Consent receipt"). Null when
 * the agreement is not the one the submission names.
 */
export function sentConsent(agreed: ConsentReceipt | null, submission: SubmissionReceipt): ConsentReceipt | null {
  if (!agreed || agreed.receiptId !== submission.consentReceiptId) return null;
  return { ...agreed, sessionId: submission.sessionId };
}

export class ReceiptDownload implements ReactiveController {
  readonly #shown: () => SubmissionReceipt | null;
  #file: { receiptId: string; url: string } | null = null;

  /** @param shown - the receipt on screen now, or null. */
  constructor(host: ReactiveControllerHost, shown: () => SubmissionReceipt | null) {
    this.#shown = shown;
    host.addController(this);
  }

  /** The object URL of the file for `submission`, made once per receipt shown. */
  urlFor(submission: SubmissionReceipt, consent: ConsentReceipt | null): string {
    if (this.#file?.receiptId !== submission.receiptId) {
      this.revoke();
      const blob = new Blob([`${JSON.stringify(receiptFile(submission, consent), null, 2)}\n`], { type: 'application/json' });
      this.#file = { receiptId: submission.receiptId, url: URL.createObjectURL(blob) };
    }
    return this.#file.url;
  }

  /** The object URL in use, if any (for tests and diagnostics). */
  get url(): string | null {
    return this.#file?.url ?? null;
  }

  hostUpdated(): void {
    if (this.#file && this.#shown()?.receiptId !== this.#file.receiptId) this.revoke();
  }

  hostDisconnected(): void {
    this.revoke();
  }

  /** Frees the file's object URL. */
  revoke(): void {
    if (!this.#file) return;
    URL.revokeObjectURL(this.#file.url);
    this.#file = null;
  }
}
