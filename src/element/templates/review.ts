import { html, nothing, type TemplateResult } from 'lit';
import type { LivenessDecision } from '../../shared/liveness-decision.js';
import type { Translation } from '../i18n/translation.js';

export interface ReviewView {
  t: Translation;
  clipUrl: string | null;
  clipBytes: number;
  mimeType: string;
  seconds: number;
  frames: number;
  /** The device's liveness decision on this recording (passed, or passed at lower assurance). */
  decision: LivenessDecision | null;
  controller: string;
  onSend(): void;
  onRetake(): void;
  onCancel(): void;
}

/** The person watches exactly what would be sent and decides. */
export function reviewTemplate(v: ReviewView): TemplateResult {
  const { t } = v;
  return html`
    <div class="review" part="review">
      ${v.decision
        ? html`<p part="liveness-result" class="liveness-result" role="status">${v.decision.level === 'passed' ? t.liveness.passed : t.liveness.passedLower}</p>`
        : nothing}
      <p>${t.review.intro}</p>
      <video part="review-video" src=${v.clipUrl ?? ''} controls playsinline aria-label=${t.review.videoLabel}></video>
      <p class="muted" part="what-is-sent">
        ${t.review.whatIsSent(Math.max(1, Math.round(v.clipBytes / 1024)), v.mimeType, v.seconds, v.frames, v.controller)}
      </p>
      <div class="actions">
        <button class="primary" part="button primary-button send" @click=${v.onSend}>${t.review.send}</button>
        <button part="button retake" @click=${v.onRetake}>${t.review.retake}</button>
        <button part="button cancel" @click=${v.onCancel}>${t.review.cancel}</button>
      </div>
    </div>
  `;
}
