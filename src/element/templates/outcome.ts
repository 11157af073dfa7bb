import { html, nothing, type TemplateResult } from 'lit';
import type { CancelledUpload } from '../../flow/config.js';
import type { DeliveryStatus } from '../../transport/delivery.js';
import type { FlowError, DeclineReason } from '../../flow/machine.js';
import type { ConsentManifest } from '../../shared/manifest.js';
import type { SubmissionReceipt } from '../../shared/wire.js';
import { formatDate, formatTime } from '../i18n/format.js';
import type { Translation } from '../i18n/translation.js';

/** The receipt file's object URL and name (ReceiptDownload). */
export interface ReceiptDownloadLink {
  url: string;
  fileName: string;
}

function downloadLink(t: Translation, d: ReceiptDownloadLink): TemplateResult {
  return html`<p><a part="download-receipt" href=${d.url} download=${d.fileName}>${t.done.download}</a>
    <span class="muted">${t.done.downloadHint}</span></p>`;
}

/** What the sending step shows: the delivery's state, and whether it is a submission of an earlier visit. */
export interface SendingView {
  delivery: DeliveryStatus | null;
  resumed: { sealedAt: number } | null;
  /** Device epoch ms now, for the countdown. */
  now: number;
  onCancel: () => void;
  onTryNow: () => void;
}

/**
 * The upload in progress, or the wait between attempts ("Try now" skips it). Cancel stops it: back
 * to the review with the sealed submission kept, or for a resumed one, deleted from this browser.
 * `tag` is the chosen locale's, for the time a resumed submission was sealed.
 */
export function sendingTemplate(t: Translation, tag: string, v: SendingView): TemplateResult {
  const d = v.delivery;
  const waiting = d !== null && d.state !== 'sending';
  const seconds = d?.nextAttemptAt ? Math.max(1, Math.ceil((d.nextAttemptAt - v.now) / 1000)) : 0;
  return html`
    ${v.resumed ? html`<p part="resumed">${t.sending.resumed(formatTime(tag, v.resumed.sealedAt))}</p>` : nothing}
    <!-- Not a live region: it changes every second while waiting; the element's announcer speaks it at coarse marks. -->
    <p part="delivery" data-state=${d?.state ?? 'sending'}>
      ${d?.state === 'offline' ? t.sending.offline : d?.state === 'waiting' ? t.sending.waiting(seconds) : t.sending.message}
    </p>
    ${waiting ? nothing : html`<div class="spinner" aria-hidden="true"></div>`}
    <div class="actions">
      ${waiting ? html`<button class="primary" part="button primary-button try-now" @click=${v.onTryNow}>${t.sending.tryNow}</button>` : nothing}
      <button part="button cancel-send" @click=${v.onCancel}>${v.resumed ? t.sending.cancelResumed : t.sending.cancel}</button>
    </div>
  `;
}

/** The receipt: what was sent, its fingerprint, when it is erased (a date in the locale `tag`) and how to erase it sooner. */
export function doneTemplate(t: Translation, tag: string, r: SubmissionReceipt, download: ReceiptDownloadLink): TemplateResult {
  return html`
    <div part="receipt" class="receipt">
      <p>${t.done.thanks}</p>
      <dl>
        <dt>${t.done.receiptId}</dt>
        <dd part="receipt-id" class="receipt-id">${r.receiptId}</dd>
        <dt>${t.done.sent}</dt>
        <dd>${(r.mode === 'embedding' ? t.done.sentTemplate : t.done.sentValue)(Math.max(1, Math.round(r.sealedBytes / 1024)))}</dd>
        <dt>${t.done.hash}</dt>
        <dd><code part="receipt-hash">${r.payloadSha256}</code></dd>
        <dt>${t.done.keptUntil}</dt>
        <dd><time datetime=${r.retentionUntil}>${formatDate(tag, r.retentionUntil)}</time></dd>
      </dl>
      <p><a part="erase-link" href=${r.erasureUrl} target="_blank" rel="noopener">${t.done.erase}</a></p>
      <p class="muted">${t.done.eraseHint}</p>
      ${downloadLink(t, download)}
    </div>
  `;
}

export function declinedTemplate(
  t: Translation,
  tag: string,
  reason: DeclineReason,
  manifest: ConsentManifest | null,
  cancelledUpload: CancelledUpload | null = null,
  download: ReceiptDownloadLink | null = null,
): TemplateResult {
  const alt = manifest?.alternative;
  if (cancelledUpload?.state === 'checking') return html`<p role="status">${t.declined.checkingCancelled}</p>`;
  if (cancelledUpload?.state === 'unknown') {
    return html`<p>${t.declined.unknownCancelled(manifest?.controller.name ?? '', manifest?.controller.contact ?? '')}</p>`;
  }
  if (cancelledUpload?.state === 'stored') {
    const r = cancelledUpload.receipt;
    return html`
      <p>${t.declined.storedDespiteCancel(manifest?.controller.name ?? '')}</p>
      <dl part="receipt" class="receipt">
        <dt>${t.done.receiptId}</dt>
        <dd part="receipt-id" class="receipt-id">${r.receiptId}</dd>
        <dt>${t.done.keptUntil}</dt>
        <dd><time datetime=${r.retentionUntil}>${formatDate(tag, r.retentionUntil)}</time></dd>
      </dl>
      <p><a part="erase-link" href=${r.erasureUrl} target="_blank" rel="noopener">${t.done.erase}</a></p>
      ${download ? downloadLink(t, download) : nothing}
    `;
  }
  return html`
    <p>${reason === 'cancelled' ? t.declined.cancelled : t.declined.declined}</p>
    ${alt
      ? html`<p>${alt.description}</p>
          ${alt.url ? html`<p><a part="alternative-link" href=${alt.url}>${t.declined.alternative}</a></p>` : nothing}`
      : nothing}
  `;
}

/**
 * What the person reads about an error: its translated code, or the translated generic text.
 * Never `error.message`: it is English, and for a server refusal it is the server's own words
 * (its internals, or text an attacker placed there). The code alone stays visible for support.
 */
export function errorText(t: Translation, error: Pick<FlowError, 'code'>): string {
  return t.error.codes[error.code] ?? t.error.generic;
}

export function errorTemplate(
  t: Translation,
  error: FlowError,
  manifest: ConsentManifest | null,
  onRetry: () => void,
  onCancel: () => void,
): TemplateResult {
  // A check that failed every try is not the page's fault: say what happened, offer the alternative.
  const configuration = error.retryStep === null && error.code !== 'liveness-failed';
  return html`
    <div role="alert" part="error">
      <p class="error">${configuration ? t.error.configuration : errorText(t, error)}</p>
      ${configuration || error.serverCode ? html`<p class="muted"><code>${error.serverCode ?? error.code}</code></p>` : nothing}
      <div class="actions">
        ${error.retryStep ? html`<button class="primary" part="button primary-button retry" @click=${onRetry}>${t.error.retry}</button>` : nothing}
        ${manifest ? html`<button part="button cancel" @click=${onCancel}>${t.error.cancel}</button>` : nothing}
      </div>
      ${manifest?.alternative.url
        ? html`<p class="muted">${manifest.alternative.description} <a href=${manifest.alternative.url}>${t.declined.alternative}</a></p>`
        : nothing}
    </div>
  `;
}
