import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { LivenessDecision } from '../../shared/liveness-decision.js';
import type { Translation } from '../i18n/translation.js';

export interface ReviewView {
  t: Translation;
  clipUrl: string | null;
  clipBytes: number;
  mimeType: string;
  seconds: number;
  frames: number;
  /** Embedding mode: the face crops (150·150·3 RGB) the template was made from; empty in clip mode. */
  chips: readonly Uint8Array[];
  /** Embedding mode: the template's length (128); 0 in clip mode. */
  templateNumbers: number;
  /** The device's liveness decision on this recording (passed, or passed at lower assurance). */
  decision: LivenessDecision | null;
  controller: string;
  onSend(): void;
  onRetake(): void;
  onCancel(): void;
}

/** A square RGB crop's side, px. */
const sideOf = (rgb: Uint8Array): number => Math.round(Math.sqrt(rgb.length / 3));

/** The person sees exactly what would be sent — the clip, or what the template was made from — and decides. */
export function reviewTemplate(v: ReviewView): TemplateResult {
  const { t } = v;
  const template = v.templateNumbers > 0;
  return html`
    <div class="review" part="review">
      ${v.decision
        ? html`<p part="liveness-result" class="liveness-result" role="status">${v.decision.level === 'passed' ? t.liveness.passed : t.liveness.passedLower}</p>`
        : nothing}
      ${template
        ? html`
            <p>${t.review.templateIntro}</p>
            <div class="chips" part="review-crops" role="group" aria-label=${t.review.cropsLabel}>
              ${v.chips.map((rgb) => html`<canvas part="review-crop" width=${sideOf(rgb)} height=${sideOf(rgb)} ${ref((c) => paintChip(c, rgb))}></canvas>`)}
            </div>
            <p class="muted" part="what-is-sent">${t.review.templateWhatIsSent(v.templateNumbers, v.frames, v.controller)}</p>
          `
        : html`
            <p>${t.review.intro}</p>
            <video part="review-video" src=${v.clipUrl ?? ''} controls playsinline aria-label=${t.review.videoLabel}></video>
            <p class="muted" part="what-is-sent">
              ${t.review.whatIsSent(Math.max(1, Math.round(v.clipBytes / 1024)), v.mimeType, v.seconds, v.frames, v.controller)}
            </p>
          `}
      <div class="actions">
        <button class="primary" part="button primary-button send" @click=${v.onSend}>${t.review.send}</button>
        <button part="button retake" @click=${v.onRetake}>${t.review.retake}</button>
        <button part="button cancel" @click=${v.onCancel}>${t.review.cancel}</button>
      </div>
    </div>
  `;
}

/** Draws an RGB crop into its canvas (in this document only: it is never encoded or sent). */
function paintChip(element: Element | undefined, rgb: Uint8Array): void {
  const side = sideOf(rgb);
  if (!(element instanceof HTMLCanvasElement) || rgb.length !== side * side * 3) return;
  const context = element.getContext('2d');
  if (!context) return;
  const image = context.createImageData(side, side);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
    image.data[o] = rgb[i]!;
    image.data[o + 1] = rgb[i + 1]!;
    image.data[o + 2] = rgb[i + 2]!;
    image.data[o + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
