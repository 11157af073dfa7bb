import { html, nothing, type TemplateResult } from 'lit';
import type { ConsentManifest } from '../../shared/manifest.js';
import type { Translation } from '../i18n/translation.js';

export interface ConsentView {
  t: Translation;
  manifest: ConsentManifest | null;
  /** An earlier visit's submission was too old to deliver and was deleted: say so above the notice. */
  pendingExpired: boolean;
  agreed: boolean;
  onToggle(agreed: boolean): void;
  onContinue(): void;
  onDecline(): void;
}

/** The notice, verbatim from the manifest, with an unticked agreement separate from any terms. */
export function consentTemplate(v: ConsentView): TemplateResult {
  const { t, manifest: m } = v;
  if (!m) return html`<p part="loading">${t.consent.loading}</p><div class="spinner" aria-hidden="true"></div>`;
  return html`
    <div part="consent">
      ${v.pendingExpired ? html`<p part="pending-expired" role="status">${t.consent.pendingExpired}</p>` : nothing}
      <p class="notice"><strong>${t.consent.biometricNotice[m.mode]}</strong></p>
      <dl>
        <dt>${t.consent.controller}</dt>
        <dd>${m.controller.name} (${m.controller.contact})</dd>
        ${m.processors.length
          ? html`<dt>${t.consent.processors}</dt>
              <dd>${m.processors.map((p, i) => html`${i ? '; ' : ''}${p.name} (${p.role})`)}</dd>`
          : nothing}
        <dt>${t.consent.purpose}</dt>
        <dd>${m.purpose}</dd>
        <dt>${t.consent.captured}</dt>
        <dd>${t.consent.modeDescription[m.mode]}</dd>
        <dt>${t.consent.retention(m.retention.days)}</dt>
        <dd>${m.retention.description}</dd>
        <dt>${t.consent.recipients}</dt>
        <dd>${m.recipients.join(', ')}</dd>
        <dt>${t.consent.notSold}</dt>
        <dd>${m.notSold}</dd>
        <dt>${t.consent.rights}</dt>
        <dd>
          <ul>
            ${m.rights.map((r) => html`<li><strong>${r.right}</strong>: ${r.how}</li>`)}
          </ul>
        </dd>
      </dl>
      <p class="muted">${t.consent.outbox}</p>
      <p class="muted">
        ${t.consent.erasure}
        <a href=${m.policyUrl} target="_blank" rel="noopener">${t.consent.policy}</a>
      </p>
      <p class="muted">
        <strong>${t.consent.alternative}</strong> ${m.alternative.description}
      </p>
      <label class="agree" part="agree">
        <input
          type="checkbox"
          part="agree-checkbox"
          .checked=${v.agreed}
          @change=${(e: Event) => v.onToggle((e.target as HTMLInputElement).checked)}
        />
        <span>${t.consent.agreeLabel(m.controller.name)}</span>
      </label>
      <div class="actions">
        <button class="primary" part="button primary-button continue" ?disabled=${!v.agreed} @click=${v.onContinue}>
          ${t.consent.continue}
        </button>
        <button part="button decline" @click=${v.onDecline}>${t.consent.decline}</button>
      </div>
    </div>
  `;
}
