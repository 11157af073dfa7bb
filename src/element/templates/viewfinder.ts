import { html, nothing, svg, type TemplateResult } from 'lit';
import { ref, type Ref } from 'lit/directives/ref.js';
import type { Step, TemplateProblem } from '../../flow/machine.js';
import type { GuidanceView } from '../../flow/guidance-view.js';
import type { LivenessView } from '../../flow/liveness-run.js';
import type { LivenessDecision } from '../../shared/liveness-decision.js';
import type { Translation } from '../i18n/translation.js';
import { cssomStyle } from './cssom-style.js';
import { failureText, flashTemplate, livenessNoticeTemplate, promptTemplate, rgb, type LivenessNoticeView } from './liveness.js';

export interface ViewfinderView {
  t: Translation;
  step: Step;
  guidance: GuidanceView;
  /** While recording: the colour and prompt of the liveness script. */
  liveness: LivenessView | null;
  /** The failed check the person is asked to redo (guidance after a failure). */
  failure: LivenessDecision | null;
  /** Embedding mode: why the last take gave no template (guidance after it). */
  templateProblem: TemplateProblem | null;
  /** Embedding mode records no video: the capture step says "checking", not "recording". */
  recordsVideo: boolean;
  attemptsLeft: number;
  notice: Omit<LivenessNoticeView, 't'>;
  videoRef: Ref<HTMLVideoElement>;
  cameras: MediaDeviceInfo[];
  cameraId: string | null;
  onCamera(deviceId: string): void;
  onCancel(): void;
}

/** Oval geometry in a 640×480 viewBox: the face should fill it at a comfortable distance. */
const OVAL = { cx: 320, cy: 235, rx: 130, ry: 172 };

/** An ellipse as a path starting at its top, so a dash offset fills it clockwise from 12 o'clock. */
function ellipsePath(rx: number, ry: number): string {
  return `M${OVAL.cx} ${OVAL.cy - ry}a${rx} ${ry} 0 1 1 0 ${2 * ry}a${rx} ${ry} 0 1 1 0 ${-2 * ry}Z`;
}

/** The text under the oval for the current step and guidance. */
export function guidanceMessage(t: Translation, step: Step, g: GuidanceView, recordsVideo = true): string {
  if (step === 'camera') return t.camera.starting;
  if (step === 'capture') return g.issue ? t.capture.lost : recordsVideo ? t.capture.recording : t.capture.checking;
  if (g.issue) return t.guidance[g.issue];
  return g.progress > 0 ? t.guidance.holdStill : t.guidance.searching;
}

/** Camera preview with the oval, the live message and (while recording) a progress ring. */
export function viewfinderTemplate(v: ViewfinderView): TemplateResult {
  const { t, step, guidance, liveness } = v;
  const ok = step !== 'camera' && !guidance.issue;
  const colour = step === 'capture' ? (liveness?.colour ?? null) : null;
  return html`
    ${flashTemplate(colour)}
    ${v.failure && step === 'guidance'
      ? html`<p part="check-failed" class="check-failed" role="alert">${failureText(t, v.failure)} ${t.liveness.attemptsLeft(v.attemptsLeft)}</p>`
      : nothing}
    ${v.templateProblem && step === 'guidance'
      ? html`<p part="check-failed" class="check-failed" role="alert">${t.templateProblem[v.templateProblem]}</p>`
      : nothing}
    <div class="viewfinder ${colour ? 'above-flash' : ''}" part="viewfinder">
      <video ${ref(v.videoRef)} muted playsinline autoplay aria-label=${t.camera.preview}></video>
      <svg viewBox="0 0 640 480" preserveAspectRatio="xMidYMid slice" aria-hidden="true">
        ${svg`
          <path class="mask" fill-rule="evenodd" style=${cssomStyle(colour ? { fill: rgb(colour) } : {})} d=${`M0 0H640V480H0Z${ellipsePath(OVAL.rx, OVAL.ry)}`}></path>
          <ellipse part="oval" class="oval ${ok ? 'ok' : ''}" cx=${OVAL.cx} cy=${OVAL.cy} rx=${OVAL.rx} ry=${OVAL.ry}></ellipse>
          ${step === 'guidance' || step === 'capture'
            ? svg`<path class="progress" d=${ellipsePath(OVAL.rx + 8, OVAL.ry + 8)} pathLength="1"
                stroke-dasharray="1" stroke-dashoffset=${1 - guidance.progress}></path>`
            : nothing}
        `}
      </svg>
    </div>
    ${step === 'capture' && liveness && !guidance.issue
      ? html`<div class="message above-flash" part="message">${promptTemplate(t, liveness)}</div>`
      : html`<p class="message ${step === 'capture' ? 'rec above-flash' : ''}" part="message">${guidanceMessage(t, step, guidance, v.recordsVideo)}</p>`}
    ${step === 'guidance' ? livenessNoticeTemplate({ t, ...v.notice }) : nothing}
    <div class="actions">
      ${v.cameras.length > 1
        ? html`<label>
            ${t.camera.chooseCamera}
            <select part="camera-picker" @change=${(e: Event) => v.onCamera((e.target as HTMLSelectElement).value)}>
              ${v.cameras.map(
                (c, i) => html`<option value=${c.deviceId} ?selected=${c.deviceId === v.cameraId}>${c.label || `Camera ${i + 1}`}</option>`,
              )}
            </select>
          </label>`
        : nothing}
      <button part="button cancel" @click=${v.onCancel}>${t.camera.cancel}</button>
    </div>
  `;
}
