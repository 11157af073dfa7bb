import { html, nothing, svg, type TemplateResult } from 'lit';
import { ref, type Ref } from 'lit/directives/ref.js';
import type { Step, TemplateProblem } from '../../flow/machine.js';
import type { GuidanceView } from '../../flow/guidance-view.js';
import type { LivenessView } from '../../flow/liveness-run.js';
import type { LivenessDecision } from '../../shared/liveness-decision.js';
import type { Translation } from '../i18n/translation.js';
import { isVirtualCamera } from '../../capture/camera-kind.js';
import { ovalIn, viewfinderBox, type Oval, type Size } from '../view-geometry.js';
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
  /** The camera frame's size (the video's videoWidth × videoHeight once known). */
  frame: Size;
  /** The viewport, for the preview box's shape and height. */
  viewport: Size;
  /** The video reported a new frame size (first frame, a switched camera, a rotated phone). */
  onFrameSize(size: Size): void;
  onCamera(deviceId: string): void;
  onCancel(): void;
}

/** An ellipse as a path starting at its top, so a dash offset fills it clockwise from 12 o'clock. */
function ellipsePath(o: Oval, rx: number, ry: number): string {
  return `M${o.cx} ${o.cy - ry}a${rx} ${ry} 0 1 1 0 ${2 * ry}a${rx} ${ry} 0 1 1 0 ${-2 * ry}Z`;
}

function frameSizeOf(e: Event): Size {
  const video = e.target as HTMLVideoElement;
  return { width: video.videoWidth, height: video.videoHeight };
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
  const { width: w, height: h } = v.frame;
  const oval = ovalIn(v.frame);
  const box = viewfinderBox(v.viewport, v.frame);
  const boxStyle: Record<string, string> = { 'aspect-ratio': String(box.aspect) };
  if (box.maxWidth > 0) boxStyle['max-width'] = `min(100%, ${box.maxWidth}px)`;
  return html`
    ${flashTemplate(colour)}
    ${v.failure && step === 'guidance'
      ? html`<p part="check-failed" class="check-failed" role="alert">${failureText(t, v.failure)} ${t.liveness.attemptsLeft(v.attemptsLeft)}</p>`
      : nothing}
    ${v.templateProblem && step === 'guidance'
      ? html`<p part="check-failed" class="check-failed" role="alert">${t.templateProblem[v.templateProblem]}</p>`
      : nothing}
    <div class="viewfinder ${colour ? 'above-flash' : ''}" part="viewfinder" style=${cssomStyle(boxStyle)}>
      <video ${ref(v.videoRef)} muted playsinline autoplay aria-label=${t.camera.preview}
        @loadedmetadata=${(e: Event) => v.onFrameSize(frameSizeOf(e))} @resize=${(e: Event) => v.onFrameSize(frameSizeOf(e))}></video>
      <svg viewBox=${`0 0 ${w} ${h}`} preserveAspectRatio="xMidYMid slice" aria-hidden="true">
        ${svg`
          <path class="mask" fill-rule="evenodd" style=${cssomStyle(colour ? { fill: rgb(colour) } : {})} d=${`M0 0H${w}V${h}H0Z${ellipsePath(oval, oval.rx, oval.ry)}`}></path>
          <ellipse part="oval" class="oval ${ok ? 'ok' : ''}" cx=${oval.cx} cy=${oval.cy} rx=${oval.rx} ry=${oval.ry}></ellipse>
          ${step === 'guidance' || step === 'capture'
            ? svg`<path class="progress" d=${ellipsePath(oval, oval.rx + 8, oval.ry + 8)} pathLength="1"
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
            <select part="camera-picker" aria-label=${t.camera.chooseCamera} @change=${(e: Event) => v.onCamera((e.target as HTMLSelectElement).value)}>
              ${v.cameras.map(
                (c, i) => html`<option value=${c.deviceId} ?selected=${c.deviceId === v.cameraId}>${c.label || t.camera.unnamed(i + 1)}${isVirtualCamera(c.label) ? ` (${t.camera.virtual})` : ''}</option>`,
              )}
            </select>
          </label>`
        : nothing}
      <button part="button cancel" @click=${v.onCancel}>${t.camera.cancel}</button>
    </div>
  `;
}
