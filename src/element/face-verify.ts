import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { createRef, ref } from 'lit/directives/ref.js';
import { listCameras } from '../capture/camera.js';
import { pageStorage, rememberCamera, rememberedCamera } from '../capture/camera-choice.js';
import type { Step } from '../flow/machine.js';
import { usesCamera } from '../flow/machine.js';
import type { FlowMetrics } from '../flow/metrics.js';
import { DEFAULT_TIMEOUTS, VerificationController, type FlowTimeouts } from '../flow/verification-controller.js';
import type { ConsentManifest } from '../shared/manifest.js';
import type { ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';
import { consentEvent, declinedEvent, deliveryEvent, errorEvent, livenessEvent, stepEvent, submittedEvent } from './events.js';
import { Announcer, type Utterance } from './announcer.js';
import { livenessAnnouncement } from './templates/liveness.js';
import { chooseLocale, type ChosenLocale } from './i18n/registry.js';
import { en } from './i18n/en.js';
import { mergeStrings, type StringOverrides } from './i18n/overrides.js';
import type { Translation } from './i18n/translation.js';
import { styles } from './styles.js';
import { DEFAULT_FRAME, type Size } from './view-geometry.js';
import { ViewportController } from './viewport-controller.js';
import { consentTemplate } from './templates/consent.js';
import { ReceiptDownload, receiptFileName, sentConsent } from './receipt-download.js';
import { declinedTemplate, doneTemplate, errorTemplate, errorText, sendingTemplate, type ReceiptDownloadLink } from './templates/outcome.js';
import { reviewTemplate } from './templates/review.js';
import { viewfinderTemplate } from './templates/viewfinder.js';

/**
 * `<face-verify>`: a consent-first face check. It shows the operator's notice, and only if the person
 * agrees does it load the face model and turn on the camera; it guides them through the liveness
 * check, then — in the operator's chosen mode — records a short clip and lets them watch it (clip),
 * or makes a 128-number face template on the device and shows the face crops it came from, which
 * are never sent (embedding). It sends what was reviewed sealed to the operator's key, then shows
 * a receipt with an erasure link. Nothing is fetched except from the host's own `session-url`, its submit URL and
 * `assets-base`.
 *
 * @fires face-verify-step - The step changed. `detail: { step, previous }`.
 * @fires face-verify-consent - The person agreed. `detail: { receipt }` (a consent receipt, no biometric data).
 * @fires face-verify-declined - The person declined or cancelled; show your alternative path. `detail: { reason, storedReceipt? }`:
 *   `storedReceipt` when a Cancel came after the server had already stored the submission (the person is shown it with its erasure link).
 * @fires face-verify-submitted - The server accepted the submission. `detail: { receipt }`.
 * @fires face-verify-liveness - The device judged a recording. `detail: { decision, attempt, attemptsLeft }`; a failed
 *   decision sends the person back to try again (it says what to redo) until `max-attempts` recordings failed.
 * @fires face-verify-delivery - The sealed submission's delivery changed. `detail: { state, failures, nextAttemptAt, lastError, resumed }`:
 *   `state` is 'sending' (an attempt runs), 'waiting' (one failed; the next is due at `nextAttemptAt`, device epoch ms) or
 *   'offline'; `resumed` when it was sealed on an earlier visit and found in the outbox. The element keeps trying by itself.
 * @fires face-verify-error - Something failed. `detail: { code, message, serverCode? }`; codes are listed in the README
 *   (among them `camera-ended` when the camera stops while in use, `camera-timeout` when it never shows a picture).
 *
 * Theming: every colour above has a light and a dark fallback; the `theme` attribute (auto | light | dark) picks
 * the palette, `auto` following `prefers-color-scheme`. `forced-colors` uses system colours; `prefers-reduced-motion`
 * stops every animation (the liveness colours are the check itself: the reduced path is offered instead).
 *
 * @csspart container - The outer box.
 * @csspart loading - The notice's placeholder while the session loads.
 * @csspart consent - The notice.
 * @csspart agree-checkbox - The agreement box.
 * @csspart agree - Its label.
 * @csspart button - Every button.
 * @csspart primary-button - The main action of a step.
 * @csspart continue - The notice's Continue (agree first).
 * @csspart decline - The notice's "No thanks".
 * @csspart cancel - Every Cancel that leaves the check (camera, review, error).
 * @csspart send - The review's Send.
 * @csspart retake - The review's Retake.
 * @csspart retry - The error step's Try again.
 * @csspart viewfinder - The camera preview.
 * @csspart oval - The face oval.
 * @csspart message - The guidance text.
 * @csspart camera-picker - The camera chooser (shown with more than one camera).
 * @csspart flash - The colour the liveness check paints around the face (fixed over the viewport while shown).
 * @csspart prompt - The action prompt while recording (`data-action` names it).
 * @csspart prompt-hold - "Hold still".
 * @csspart check-failed - What to redo after a failed check.
 * @csspart liveness-notice - The warning before the colours.
 * @csspart flash-warning - Its text.
 * @csspart reduced-path - The switch to the check without flashes and head movements.
 * @csspart liveness-result - The device's decision on the review step.
 * @csspart heading - The step's heading; it takes focus (tabindex -1) on every step change.
 * @csspart cancel-send - The sending step's Cancel: stops the upload and goes back to the review, the sealed recording kept
 *   (a resumed submission is deleted from this browser instead).
 * @csspart try-now - Skips the wait before the next attempt.
 * @csspart delivery - The sending step's status (`data-state`: sending, waiting, offline).
 * @csspart resumed - Says the submission is from an earlier visit.
 * @csspart pending-expired - On the notice: an earlier visit's submission was too old to deliver and was deleted.
 * @csspart review - The review step.
 * @csspart review-video - The recorded clip.
 * @csspart what-is-sent - What would be sent.
 * @csspart review-crops - Embedding mode: the face crops the template was made from (never sent).
 * @csspart review-crop - One of them.
 * @csspart receipt - The receipt.
 * @csspart receipt-id - Its id.
 * @csspart receipt-hash - The sent payload's SHA-256.
 * @csspart erase-link - The erasure link.
 * @csspart download-receipt - "Download receipt": saves the receipt, the consent
 *   receipt and the erasure link as `face-verify-receipt-<id>.json`.
 * @csspart error - The error box.
 * @csspart alternative-link - The alternative path.
 *
 * @cssprop --face-verify-background - Box background.
 * @cssprop --face-verify-foreground - Text colour.
 * @cssprop --face-verify-muted - Secondary text colour.
 * @cssprop --face-verify-accent - Buttons, links, progress.
 * @cssprop --face-verify-on-accent - Text on accent.
 * @cssprop --face-verify-border - Borders.
 * @cssprop --face-verify-danger - Errors and the recording indicator.
 * @cssprop --face-verify-ok - Success.
 * @cssprop --face-verify-oval - Oval colour while searching.
 * @cssprop --face-verify-oval-ok - Oval colour when the face is placed well.
 * @cssprop --face-verify-mask - The shade over the camera picture outside the oval (replaced by the liveness colour while it flashes).
 * @cssprop --face-verify-camera-background - Behind the camera picture and the recorded clip before they show.
 * @cssprop --face-verify-radius - Corner radius.
 * @cssprop --face-verify-font - Font shorthand.
 * @cssprop --face-verify-max-width - Widest the widget grows.
 */
export class FaceVerify extends LitElement {
  static override styles = styles;

  static override properties = {
    sessionUrl: { type: String, attribute: 'session-url' },
    assetsBase: { type: String, attribute: 'assets-base' },
    delegate: { type: String },
    manifest: { attribute: false },
    requestHeaders: { attribute: false },
    timeouts: { attribute: false },
    maxAttempts: { type: Number, attribute: 'max-attempts' },
    theme: { type: String, reflect: true },
    lang: { type: String, reflect: true },
    agreed: { state: true },
    cameras: { state: true },
    cameraId: { state: true },
    frame: { state: true },
  };

  /** The host's endpoint that answers POST `{ jkt }` with `createSession()`'s result. Required. */
  declare sessionUrl: string;
  /**
   * Where `mediapipe/` (wasm) and `models/face_landmarker.task` are served from. Defaults to the
   * folder this script was loaded from.
   */
  declare assetsBase: string;
  /** Where landmarking runs: "cpu" (default, predictable everywhere) or "gpu". */
  declare delegate: 'cpu' | 'gpu';
  /** A consent manifest to show instead of the session's; must equal the server's if both exist. */
  declare manifest: ConsentManifest | null;
  /** Extra headers for the session, challenge and submit requests (a CSRF token, say); keep each small. */
  declare requestHeaders: Record<string, string>;
  /**
   * Deadlines in ms, any of `{ sessionMs, challengeMs, uploadMs, cameraMs }` (defaults 15 s, 15 s,
   * 60 s per upload attempt, 10 s for the camera's first picture).
   */
  declare timeouts: Partial<FlowTimeouts>;
  /** Recordings whose liveness check may fail before the person is offered the alternative (default 3). */
  declare maxAttempts: number;
  /**
   * "auto" (default) follows the system's `prefers-color-scheme`; "light" or "dark" pins that palette
   * whatever the system prefers (a host with its own theme switch sets it). Reflected to the attribute.
   */
  declare theme: 'auto' | 'light' | 'dark';

  declare private agreed: boolean;
  declare private cameras: MediaDeviceInfo[];
  declare private cameraId: string | null;
  /** The camera frame's size, for the viewfinder's shape. */
  declare private frame: Size;
  private readonly viewport = new ViewportController(this);

  /** The language asked for; else the closest ancestor's `lang`, the document's, then `navigator.languages`. */
  declare lang: string;

  /** A translation set as a property: used as is, whatever `lang` says (else the locale is chosen). */
  #explicitTranslation: Translation | null = null;

  /**
   * The strings in use: the one set here, or the registered locale chosen from `lang` and the browser,
   * with the operator's {@link strings} for that locale over it.
   */
  get translation(): Translation {
    const { tag, translation } = this.locale;
    return mergeStrings(this.#explicitTranslation ?? translation, this.#strings[tag], `strings[${JSON.stringify(tag)}]`);
  }

  set translation(value: Translation) {
    this.#explicitTranslation = value;
    this.requestUpdate();
  }

  #strings: StringOverrides = {};

  /**
   * The operator's wording in place of any of the locale's strings, per registered locale tag (the
   * one chosen, e.g. 'pt-BR'): `el.strings = { en: { consent: { continue: 'Start the check' } } }`.
   * Each override is a deep partial `Translation`; what it does not name stays the locale's own.
   * @throws TypeError naming the key when a value is not of the kind it replaces (string or function).
   */
  get strings(): StringOverrides {
    return this.#strings;
  }

  set strings(value: StringOverrides) {
    if (value === null || typeof value !== 'object') throw new TypeError(`strings must be an object keyed by locale tag, such as { en: { consent: { continue: 'Start' } } }, got ${value === null ? 'null' : typeof value}`);
    // Checked now against en (every locale has its shape), so a mistake shows where it is made, not at the next render.
    for (const [tag, override] of Object.entries(value)) mergeStrings(en, override, `strings[${JSON.stringify(tag)}]`);
    this.#strings = value;
    this.requestUpdate();
  }

  /** The locale chosen now, from the element's or the page's `lang`, then the browser's languages. */
  get locale(): ChosenLocale {
    return chooseLocale(this.requestedLanguages());
  }

  /** Most preferred first: this element's or its closest ancestor's `lang`, the document's, the browser's. */
  requestedLanguages(): string[] {
    const own = this.closest('[lang]')?.getAttribute('lang') ?? '';
    const page = document.documentElement.lang;
    return [own, page, ...(navigator.languages ?? [navigator.language])].filter((tag): tag is string => typeof tag === 'string' && tag !== '');
  }

  /** Re-renders when an ancestor's or the document's `lang` changes, or the browser's languages do. */
  readonly #langObserver = new MutationObserver(() => this.requestUpdate());
  readonly #onLanguageChange = (): void => this.requestUpdate();

  private readonly videoRef = createRef<HTMLVideoElement>();
  private readonly headingRef = createRef<HTMLHeadingElement>();
  /** Set on a step change: the new step's heading takes focus once it is rendered. */
  private focusPending = false;
  /** The consent receipt of the person's latest agreement, for the receipt file. */
  private agreedConsent: ConsentReceipt | null = null;
  /** The receipt file's object URL, alive while a receipt is on screen. */
  private readonly receiptDownload = new ReceiptDownload(this, () => this.shownReceipt());

  private readonly flow = new VerificationController(
    this,
    () => ({
      sessionUrl: this.sessionUrl,
      assetsBase: this.resolvedAssetsBase,
      delegate: this.delegate === 'gpu' ? 'GPU' : 'CPU',
      manifest: this.manifest,
      headers: this.requestHeaders,
      // The shown locale first, so the notice matches the widget's language when the server has it.
      languages: [...new Set([this.locale.tag, ...this.requestedLanguages()])],
      cameraId: this.cameraId,
      timeouts: { ...DEFAULT_TIMEOUTS, ...this.timeouts },
      maxAttempts: Number.isInteger(this.maxAttempts) && this.maxAttempts > 0 ? this.maxAttempts : 3,
    }),
    {
      step: (step, previous) => {
        // The agreement is never carried over: every visit to the notice starts unticked.
        if (step === 'consent') this.agreed = false;
        this.focusPending = true;
        this.dispatchEvent(stepEvent({ step, previous }));
      },
      consent: (receipt) => {
        this.agreedConsent = receipt;
        this.dispatchEvent(consentEvent({ receipt }));
      },
      declined: (reason, storedReceipt) => this.dispatchEvent(declinedEvent({ reason, ...(storedReceipt ? { storedReceipt } : {}) })),
      submitted: (receipt) => this.dispatchEvent(submittedEvent({ receipt })),
      error: (code, message, serverCode) =>
        this.dispatchEvent(errorEvent({ code, message, ...(serverCode ? { serverCode } : {}) })),
      liveness: (decision, attempt, attemptsLeft) => this.dispatchEvent(livenessEvent({ decision, attempt, attemptsLeft })),
      delivery: (status, resumed) => this.dispatchEvent(deliveryEvent({ ...status, resumed })),
    },
  );

  constructor() {
    super();
    this.sessionUrl = '';
    this.assetsBase = '';
    this.delegate = 'cpu';
    this.manifest = null;
    this.requestHeaders = {};
    this.timeouts = {};
    this.maxAttempts = 3;
    this.theme = 'auto';
    this.agreed = false;
    this.cameras = [];
    this.cameraId = null;
    this.frame = DEFAULT_FRAME;
  }

  /** The current step; also mirrored in the `step` attribute. */
  get step(): Step {
    return this.flow.state.step;
  }

  /** What this session measured about itself (timings, sizes); for diagnostics and benchmarks. */
  get metrics(): Readonly<FlowMetrics> {
    return this.flow.metrics;
  }

  private get resolvedAssetsBase(): string {
    const base = this.assetsBase || new URL(/* @vite-ignore */ './', import.meta.url).href;
    return new URL(base.endsWith('/') ? base : `${base}/`, document.baseURI).href;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    window.addEventListener('languagechange', this.#onLanguageChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#langObserver.disconnect();
    window.removeEventListener('languagechange', this.#onLanguageChange);
    this.agreed = false;
    this.focusPending = false;
    clearTimeout(this.countdown);
  }

  private readonly announcer = new Announcer();
  /** Re-renders once a pending announcement is due, in case no frame or countdown re-renders first. */
  private announceLater: ReturnType<typeof setTimeout> | undefined;

  /** Re-renders the sending step's "next try in N s" once a second while it waits. */
  private countdown: ReturnType<typeof setTimeout> | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const step = this.flow.state.step;
    if (this.focusPending) {
      this.focusPending = false;
      this.headingRef.value?.focus();
    }
    if (this.getAttribute('step') !== step) this.setAttribute('step', step);
    this.flow.attachVideo(usesCamera(step) ? (this.videoRef.value ?? null) : null);
    if (step === 'guidance' && this.cameras.length === 0) void this.loadCameras();
    clearTimeout(this.countdown);
    if (step === 'sending' && this.flow.delivery?.state === 'waiting') this.countdown = setTimeout(() => this.requestUpdate(), 1000);
  }

  /**
   * "Continue" after consent: the camera picked on an earlier visit is looked up first (the list
   * has deviceIds only once camera permission was granted), and used only if still connected.
   */
  private async agreeWithRememberedCamera(): Promise<void> {
    if (this.cameraId === null) {
      const cameras = await listCameras().catch(() => []);
      this.cameraId = rememberedCamera(pageStorage(), cameras);
    }
    this.flow.agree();
  }

  private async loadCameras(): Promise<void> {
    this.cameras = await listCameras();
    this.cameraId ??= this.flow.stream?.getVideoTracks()[0]?.getSettings().deviceId ?? null;
  }

  protected override render(): TemplateResult {
    const s = this.flow.state;
    const title = this.titleOf(s.step);
    const locale = this.locale;
    return html`
      <section class="container" part="container" aria-labelledby="fv-title" lang=${locale.tag} dir=${locale.dir}>
        <h2 id="fv-title" part="heading" tabindex="-1" ${ref(this.headingRef)}>${title}</h2>
        ${this.renderStep()}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.liveText()}</div>
      </section>
    `;
  }

  /**
   * What the aria-live region should mean now; {@link Announcer} decides when it is actually spoken
   * (guidance issues once they hold, countdowns at coarse marks), so a screen reader is not flooded.
   */
  private utterance(): Utterance {
    const t = this.translation;
    const { step, error } = this.flow.state;
    const now = (key: string, text: string, seconds?: number): Utterance => ({ scope: step, key: `${step}:${key}`, text, timing: 'now', ...(seconds === undefined ? {} : { seconds }) });
    if (step === 'guidance' || step === 'capture') {
      const issue = this.flow.guidance.issue;
      if (issue) return { scope: step, key: `${step}:issue:${issue}`, text: t.guidance[issue], timing: 'settle' };
      const liveness = this.flow.liveness;
      if (step === 'capture') {
        if (!liveness) return now('recording', this.flow.state.mode === 'embedding' ? t.capture.checking : t.capture.recording);
        const key = liveness.prompt ? `prompt:${liveness.prompt.step}` : liveness.phase;
        return now(key, livenessAnnouncement(t, liveness));
      }
      return { scope: step, key: `${step}:searching`, text: t.guidance.searching, timing: 'settle' };
    }
    if (step === 'sending') {
      const d = this.flow.delivery;
      if (d?.state === 'offline') return now('offline', t.sending.offline);
      if (d?.state === 'waiting' && d.nextAttemptAt) {
        const seconds = Math.max(1, Math.ceil((d.nextAttemptAt - Date.now()) / 1000));
        return now(`waiting:${d.failures}`, t.sending.waiting(seconds), seconds);
      }
      return now('sending', t.sending.message);
    }
    if (step === 'error' && error) return now(`error:${error.code}`, errorText(t, error));
    return now('title', this.titleOf(step));
  }

  /** The live region's text, and a re-render when a pending guidance issue is due to be spoken. */
  private liveText(): string {
    const spoken = this.announcer.update(this.utterance(), performance.now());
    clearTimeout(this.announceLater);
    if (spoken.recheckAt !== null) this.announceLater = setTimeout(() => this.requestUpdate(), Math.max(0, spoken.recheckAt - performance.now()));
    return spoken.text;
  }

  /** The step's title; embedding mode names its capture and review for what they are. */
  private titleOf(step: Step): string {
    const t = this.translation;
    if (this.flow.state.mode === 'embedding' && (step === 'capture' || step === 'review')) return t.embeddingStepTitle[step];
    return t.stepTitle[step];
  }

  /** The submission receipt on screen: after sending, or after a Cancel that came once it was stored. */
  private shownReceipt(): SubmissionReceipt | null {
    const s = this.flow.state;
    if (s.step === 'done') return s.receipt;
    const cancelled = this.flow.cancelledUpload;
    return s.step === 'declined' && cancelled?.state === 'stored' ? cancelled.receipt : null;
  }

  private downloadFor(receipt: SubmissionReceipt): ReceiptDownloadLink {
    return { url: this.receiptDownload.urlFor(receipt, sentConsent(this.agreedConsent, receipt)), fileName: receiptFileName(receipt.receiptId) };
  }

  private renderStep(): TemplateResult | typeof nothing {
    const t = this.translation;
    // Dates in the templates follow the chosen locale, not the browser's.
    const { tag } = this.locale;
    const s = this.flow.state;
    switch (s.step) {
      case 'consent':
        return consentTemplate({
          t,
          manifest: s.loading ? null : s.manifest,
          pendingExpired: s.pendingExpired,
          agreed: this.agreed,
          onToggle: (agreed) => (this.agreed = agreed),
          onContinue: () => this.agreed && void this.agreeWithRememberedCamera(),
          onDecline: () => this.flow.decline(),
        });
      case 'camera':
      case 'guidance':
      case 'capture':
        return viewfinderTemplate({
          t,
          step: s.step,
          guidance: this.flow.guidance,
          liveness: this.flow.liveness,
          failure: s.decision?.level === 'failed' ? s.decision : null,
          templateProblem: s.templateProblem,
          recordsVideo: s.mode !== 'embedding',
          attemptsLeft: Math.max(0, (this.maxAttempts || 3) - s.failedChecks),
          notice: {
            script: this.flow.script,
            reducedOffered: this.flow.path.reducedOffered,
            reduced: this.flow.path.current === 'reduced',
            onReduced: (reduced) => this.flow.setReducedPath(reduced),
          },
          videoRef: this.videoRef,
          cameras: this.cameras,
          cameraId: this.cameraId,
          frame: this.frame,
          viewport: this.viewport.size,
          onFrameSize: (size) => {
            if (size.width > 0 && size.height > 0 && (size.width !== this.frame.width || size.height !== this.frame.height)) this.frame = size;
          },
          onCamera: (id) => {
            this.cameraId = id;
            rememberCamera(pageStorage(), id);
            this.flow.switchCamera();
          },
          onCancel: () => this.flow.cancel(),
        });
      case 'review': {
        const review = this.flow.review;
        return reviewTemplate({
          t,
          clipUrl: this.flow.clipUrl,
          clipBytes: review.bytes,
          mimeType: review.mimeType,
          seconds: Math.round(review.durationMs / 1000),
          frames: review.frames,
          chips: review.chips,
          templateNumbers: review.templateNumbers,
          decision: s.decision,
          controller: s.manifest?.controller.name ?? '',
          onSend: () => this.flow.send(),
          onRetake: () => this.flow.retake(),
          onCancel: () => this.flow.cancel(),
        });
      }
      case 'sending':
        return sendingTemplate(t, tag, {
          delivery: this.flow.delivery,
          resumed: s.resumed ? this.flow.resumedFrom : null,
          now: Date.now(),
          onCancel: () => this.flow.cancelSend(),
          onTryNow: () => this.flow.tryNow(),
        });
      case 'done':
        return s.receipt ? doneTemplate(t, tag, s.receipt, this.downloadFor(s.receipt)) : nothing;
      case 'declined':
      {
        const stored = this.shownReceipt();
        return declinedTemplate(t, tag, s.declineReason ?? 'declined', s.manifest, this.flow.cancelledUpload, stored ? this.downloadFor(stored) : null);
      }
      case 'error':
        return s.error
          ? errorTemplate(t, s.error, s.manifest, () => this.flow.retry(), () => this.flow.cancel())
          : nothing;
    }
  }
}
