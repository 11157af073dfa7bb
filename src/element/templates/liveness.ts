import { html, nothing, svg, type TemplateResult } from 'lit';
import type { LivenessView } from '../../flow/liveness-run.js';
import type { LivenessDecision } from '../../shared/liveness-decision.js';
import type { LivenessAction, LivenessScript, Rgb } from '../../shared/liveness-script.js';
import type { Translation } from '../i18n/translation.js';
import { cssomStyle } from './cssom-style.js';

export const rgb = (c: Rgb): string => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/**
 * The screen around the face in the scheduled colour. Fixed over the whole viewport, because the
 * face reflects the light of the whole screen, not of a small widget; the viewfinder and the text
 * stay above it.
 */
export function flashTemplate(colour: Rgb | null): TemplateResult | typeof nothing {
  // Through the CSSOM: a host's `style-src 'self'` CSP blocks an inline style attribute (cssom-style.ts).
  return colour ? html`<div part="flash" class="flash" style=${cssomStyle({ 'background-color': rgb(colour) })} aria-hidden="true"></div>` : nothing;
}

/** An arrow or face icon for each action; left and right as the person sees them in the mirrored preview. */
function actionIcon(action: LivenessAction): TemplateResult {
  const arrow = (rotate: number) => svg`<path d="M12 4l-7 8h4v8h6v-8h4z" transform="rotate(${rotate} 12 12)"></path>`;
  const shapes: Record<LivenessAction, TemplateResult> = {
    'turn-left': arrow(-90),
    'turn-right': arrow(90),
    'look-up': arrow(0),
    nod: arrow(180),
    blink: svg`<path d="M2 12c3-5 17-5 20 0c-3 5-17 5-20 0z" fill="none" stroke="currentColor" stroke-width="2"></path><path d="M4 12h16" stroke="currentColor" stroke-width="2"></path>`,
    smile: svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"></circle><path d="M7.5 13.5c2 3 7 3 9 0" fill="none" stroke="currentColor" stroke-width="2"></path>`,
  };
  return html`<svg class="prompt-icon" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor">${shapes[action]}</svg>`;
}

/** What the person does now: the phase's instruction, or the prompt with its icon and step. */
export function promptTemplate(t: Translation, view: LivenessView): TemplateResult {
  if (view.prompt) {
    const p = view.prompt;
    return html`
      <div part="prompt" class="prompt" data-action=${p.action}>
        ${actionIcon(p.action)}
        <span class="prompt-text">${t.liveness.prompts[p.action]}</span>
        <span class="prompt-step muted">${t.liveness.step(p.step + 1, p.total)}</span>
      </div>
    `;
  }
  return html`<div part="prompt-hold" class="prompt hold">${view.phase === 'colours' ? t.liveness.colours : t.liveness.holdStill}</div>`;
}

/** The text of a prompt or phase, for the live region. */
export function livenessAnnouncement(t: Translation, view: LivenessView): string {
  if (view.prompt) return `${t.liveness.step(view.prompt.step + 1, view.prompt.total)}. ${t.liveness.prompts[view.prompt.action]}`;
  return view.phase === 'colours' ? t.liveness.colours : t.liveness.holdStill;
}

/** What to redo after a failed check: the first reason, in the person's words. */
export function failureText(t: Translation, decision: LivenessDecision): string {
  const first = decision.reasons[0];
  if (!first) return t.liveness.failed['report-mismatch'];
  if (first.code === 'action-wrong' && first.action) {
    const seen = /saw ([a-z-]+)/.exec(first.message)?.[1] as LivenessAction | undefined;
    if (seen && seen in t.liveness.actionNames) return t.liveness.wrongAction(t.liveness.actionNames[first.action], t.liveness.actionNames[seen]);
  }
  if (first.code === 'action-missed' && first.action) return t.liveness.missedAction(t.liveness.actionNames[first.action]);
  return t.liveness.failed[first.code];
}

export interface LivenessNoticeView {
  t: Translation;
  script: LivenessScript | null;
  reducedOffered: boolean;
  reduced: boolean;
  onReduced(reduced: boolean): void;
}

/** Before the recording: the warning about the colours, and the way to the path without them. */
export function livenessNoticeTemplate(v: LivenessNoticeView): TemplateResult {
  const { t, script } = v;
  // The switch's Tab stop also reads the warning: a keyboard user meets both at the same place.
  const warned = !v.reduced && !!script && script.colours.length > 0;
  const seconds = script ? Math.round(script.colours.reduce((sum, c) => sum + c.ms, 0) / 1000) : 0;
  return html`
    <div part="liveness-notice" class="liveness-notice">
      ${v.reduced
        ? html`<p>${t.liveness.reducedOn}</p>`
        : script && script.colours.length > 0
          ? html`<p part="flash-warning" id="fv-flash-warning">${t.liveness.flashWarning(script.colours.length, seconds)}</p>`
          : nothing}
      ${v.reducedOffered
        ? html`<button part="button reduced-path" class="link"
            aria-describedby=${warned ? 'fv-flash-warning' : nothing} @click=${() => v.onReduced(!v.reduced)}>${v.reduced ? t.liveness.reducedUndo : t.liveness.reducedOffer}</button>`
        : nothing}
    </div>
  `;
}
