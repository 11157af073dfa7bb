/**
 * Camera, vision worker, recording and trace — and in embedding mode the face chips and the
 * template worker: everything that runs while the camera is on. Failures of any of them switch all
 * of them off before they are reported, so no exit path can leave a track live or a worker running;
 * the coordinator only hears what happened (ready, steady, lost, recorded, failed) and asks the
 * machine where that leads.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CameraController } from '../capture/camera-controller.js';
import { cameraReport, FrameTimingMeter } from '../capture/camera-signals.js';
import type { RecordedClip } from '../capture/clip-recorder.js';
import { waitForPlayback } from '../capture/video-playback.js';
import { ChipCollector } from '../embedding/chip-collector.js';
import type { FaceTemplateTake, MakeTemplateResult } from '../embedding/make-template.js';
import { FaceVerifyError } from '../shared/errors.js';
import type { LivenessThresholds } from '../liveness/thresholds.js';
import type { LivenessReason } from '../shared/liveness-decision.js';
import type { LivenessReport, LivenessScript } from '../shared/liveness-script.js';
import type { VerificationMode } from '../shared/manifest.js';
import type { SignalReport } from '../shared/signals.js';
import type { FrameSample } from '../shared/trace.js';
import type { FaceLandmarkerClient, FrameAnalysis, FramePump } from '../vision/index.js';
import { IDLE_GUIDANCE, type GuidanceView } from './guidance-view.js';
import { LivenessRun, livenessFrame, type LivenessView } from './liveness-run.js';
import { FrameMeter, type FlowMetrics } from './metrics.js';
import { RecordingTrace } from './recording-trace.js';
import { DescriptorWorker } from './descriptor-worker.js';
import { isAbortError, RunScope, type Run } from './run-scope.js';
import { recordTake } from './take.js';
import { templateOfTake } from './take-template.js';
import { VisionWorker, type VisionOptions } from './vision-worker.js';

export interface CaptureConfig extends VisionOptions {
  /** Clip mode records a video; embedding mode records none and makes a face template instead. */
  mode: VerificationMode;
  cameraId: string | null;
  /** How long the camera may take to show its first picture ('camera-timeout'). */
  cameraTimeoutMs: number;
  /** Monotonic time of "I agree", for the consent → first frame metric. */
  agreedAt: number;
}

/** A finished take with its trace and what the liveness script showed when. */
export interface Recording {
  durationMs: number;
  /** Clip mode: the video. */
  clip: RecordedClip | null;
  /** Embedding mode: the face template and the chips it was made from. */
  face: FaceTemplateTake | null;
  /** Trace rows: ms since the recorder started. */
  samples: FrameSample[];
  width: number;
  height: number;
  liveness: LivenessReport;
  signals: SignalReport;
}

export interface CaptureEvents {
  /** Camera and worker are on and frames are being analysed. */
  ready(): void;
  /** Guidance held steady long enough: recording may start. */
  steady(): void;
  /** During recording: the face went away, the tab was hidden, or the trace has holes. */
  lost(): void;
  recorded(recording: Recording): void;
  /** The liveness script failed during the recording (a wrong movement, a limit passed); nothing is kept. */
  checkFailed(reason: LivenessReason): void;
  /** Embedding mode: no template could be made from the take (too few good frames, frames that disagree). */
  templateFailed(reason: Extract<MakeTemplateResult, { ok: false }>['reason']): void;
  /** Everything is already off when this is called. */
  failed(error: unknown): void;
}

type Mode = 'off' | 'guiding' | 'armed' | 'recording';

export interface RecordOptions {
  thresholds: LivenessThresholds;
  /**
   * Runs before the recorder starts (it may fetch a new challenge; nothing is recorded yet) and says
   * what to record: the challenge's longest duration (clipMs) and its liveness script.
   */
  beforeStart(signal: AbortSignal): Promise<{ durationMs: number; script: LivenessScript }>;
  /** The recorder's monotonic start time. */
  onStart(t: number): void;
}

export class CaptureController implements ReactiveController {
  guidance: GuidanceView = IDLE_GUIDANCE;

  readonly #host: ReactiveControllerHost;
  readonly #config: () => CaptureConfig;
  readonly #events: CaptureEvents;
  readonly #meter: FrameMeter;
  readonly #camera: CameraController;
  readonly #vision: VisionWorker;
  readonly #descriptors = new DescriptorWorker();
  /** Embedding mode, while recording: the chips of the take's good frames. */
  #chips: ChipCollector | null = null;
  /** Camera starts, switches and worker replacements. */
  readonly #starts = new RunScope();
  readonly #recordings = new RunScope();
  #pump: FramePump | null = null;
  #video: HTMLVideoElement | null = null;
  #mode: Mode = 'off';
  #trace: RecordingTrace | null = null;
  #liveness: LivenessRun | null = null;
  /** A paint of the liveness view is in flight (update, then the next animation frame). */
  #painting = false;
  #repeats = { frames: 0, repeated: 0 };
  #sawFrame = false;

  constructor(host: ReactiveControllerHost, config: () => CaptureConfig, events: CaptureEvents, metrics: FlowMetrics) {
    this.#host = host;
    this.#config = config;
    this.#events = events;
    this.#meter = new FrameMeter(metrics);
    this.#vision = new VisionWorker(metrics);
    this.#camera = new CameraController(host, (error) => this.#fail(error));
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** What the liveness script shows now (colour, prompt), while recording. */
  get liveness(): LivenessView | null {
    return this.#liveness?.view ?? null;
  }

  /** The camera stream for the preview, while it is on. */
  get stream(): MediaStream | null {
    return this.#camera.stream;
  }

  /** The element passes its <video> once it is rendered; frames are read from it. */
  attachVideo(video: HTMLVideoElement | null): void {
    if (this.#video === video) return;
    this.#video = video;
    const stream = this.#camera.stream;
    if (video && stream && video.srcObject !== stream) video.srcObject = stream;
  }

  /** Camera step: opens the camera and the worker together, then analyses frames; `ready` follows. */
  start(): void {
    void this.#starts.run((run) => this.#start(run), (error) => this.#fail(error));
  }

  /** Another camera from the picker, during guidance. */
  switchCamera(): void {
    if (this.#mode !== 'guiding') return;
    this.start();
  }

  /** Capture step: `beforeStart`, then the liveness script recorded with its trace; `recorded`, `checkFailed` or `lost` follows. */
  record(options: RecordOptions): void {
    void this.#recordings.run((run) => this.#record(run, options), (error) => this.#fail(error));
  }

  /** Capture → guidance: the recording is thrown away and the hold starts again. */
  abandon(): void {
    this.#recordings.abort('abandoned');
    this.#trace = null;
    this.#liveness = null;
    this.#dropChips();
    this.#vision.hold?.reset();
    this.guidance = IDLE_GUIDANCE;
    if (this.#mode !== 'off') this.#mode = 'guiding';
  }

  /** Camera and frames off; the worker stays for a quick retake (the review step). */
  stopCamera(): void {
    this.#recordings.abort('stopped');
    this.#starts.abort('stopped');
    this.#pump?.stop();
    this.#pump = null;
    this.#camera.stop();
    this.#trace = null;
    this.#liveness = null;
    this.#dropChips();
    this.#mode = 'off';
    this.guidance = IDLE_GUIDANCE;
  }

  /** Everything off: camera tracks, frames, recorder and both workers. Idempotent. */
  stop(): void {
    this.stopCamera();
    this.#vision.close();
    this.#descriptors.close();
  }

  #dropChips(): void {
    this.#chips?.clear();
    this.#chips = null;
  }

  #fail(error: unknown): void {
    this.stop();
    this.#events.failed(error);
  }

  async #start(run: Run): Promise<void> {
    this.#pump?.stop();
    this.#mode = 'off';
    this.#vision.hold?.reset();
    this.guidance = IDLE_GUIDANCE;
    const config = this.#config();
    this.#meter.cameraStarted(performance.now());
    // In parallel: the permission prompt hides most of the model's load. Whichever fails first is
    // reported; #fail() then stops the other (a late client is closed by ensure(), a late stream by
    // the camera controller).
    const cameraOpen = this.#camera.open(config.cameraId ? { deviceId: config.cameraId } : {});
    const clientReady = this.#vision.ensure(run, config);
    // The template worker loads while the person is guided; it is first needed after the take.
    if (config.mode === 'embedding') {
      this.#descriptors.ensure(run, config.assetsBase).catch((error: unknown) => {
        if (run.live && !isAbortError(error)) this.#fail(error);
      });
    }
    const [camera, client] = await run.settle(Promise.all([cameraOpen, clientReady]));
    this.#host.requestUpdate();
    const video = await run.settle(waitForPlayback(() => this.#video, camera.stream, { signal: run.signal, timeoutMs: config.cameraTimeoutMs }));
    this.#pumpFrames(video, client);
    this.#events.ready();
  }

  /** A warm worker that died while idle (during the review) is replaced once, on the same camera. */
  async #replaceWorker(run: Run, video: HTMLVideoElement): Promise<void> {
    this.#vision.close();
    const client = await this.#vision.ensure(run, this.#config());
    this.#pumpFrames(video, client);
  }

  #pumpFrames(video: HTMLVideoElement, client: FaceLandmarkerClient): void {
    const vision = this.#vision.vision!;
    this.#sawFrame = false;
    this.#mode = 'guiding';
    this.#pump?.stop();
    this.#pump = new vision.FramePump(video, client, (analysis) => this.#onFrame(analysis), (error) => {
      if (this.#vision.reused && !this.#sawFrame) {
        void this.#starts.run((run) => this.#replaceWorker(run, video), (e) => this.#fail(e));
      } else {
        this.#fail(error);
      }
    }, { wantsChip: (t) => this.#mode === 'recording' && this.#chips?.wantsChip(t) === true });
    this.#pump.start();
  }

  #onFrame(analysis: FrameAnalysis): void {
    const vision = this.#vision.vision;
    const hold = this.#vision.hold;
    if (!vision || !hold) return;
    this.#sawFrame = true;
    this.#meter.frame(analysis.latencyMs, performance.now(), this.#config().agreedAt);
    const assessment = vision.assessFrame(analysis);
    if (this.#mode === 'guiding') {
      const status = hold.push(assessment, analysis.t);
      this.guidance = { issue: status.issue, progress: status.progress };
      this.#host.requestUpdate();
      if (status.state === 'steady') {
        this.#mode = 'armed';
        this.#events.steady();
      }
    } else if (this.#mode === 'recording' && this.#trace) {
      const lost = assessment.issue === 'no-face' || assessment.issue === 'multiple-faces';
      this.guidance = { issue: lost ? assessment.issue : null, progress: this.guidance.progress };
      this.#host.requestUpdate();
      if (this.#trace.push(analysis, lost) === 'lost') return this.#events.lost();
      const start = this.#trace.startedAt;
      const run = this.#liveness;
      if (start === null || !run || analysis.t < start) return;
      if (analysis.box) {
        this.#repeats.frames++;
        if (analysis.repeat) this.#repeats.repeated++;
      }
      this.#chips?.observe({
        t: analysis.t - start, faces: analysis.faces, yaw: analysis.yaw, pitch: analysis.pitch,
        blinkL: analysis.blinkL, blinkR: analysis.blinkR, sharp: analysis.sharp ?? null, chip: analysis.chip,
      });
      run.frame(livenessFrame(analysis, start));
      this.#afterLivenessChange(run);
    }
  }

  /** Paints what the run wants shown, then acts on its outcome. */
  #afterLivenessChange(run: LivenessRun): void {
    if (run !== this.#liveness) return;
    const outcome = run.outcome;
    if (outcome?.kind === 'failed') {
      this.#recordings.abort('liveness check failed');
      this.#trace = null;
      this.#liveness = null;
      this.#mode = 'guiding';
      this.#vision.hold?.reset();
      this.#host.requestUpdate();
      this.#events.checkFailed(outcome.reason);
      return;
    }
    if (outcome?.kind === 'complete') {
      this.#finish?.abort();
      return;
    }
    if (!run.awaitingPaint || this.#painting) return;
    this.#painting = true;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => requestAnimationFrame(() => {
      this.#painting = false;
      const start = this.#trace?.startedAt;
      if (run !== this.#liveness || start == null) return;
      // The animation frame after the DOM changed is the frame that shows it.
      run.painted(performance.now() - start);
      this.#host.requestUpdate();
      this.#afterLivenessChange(run);
    }));
  }

  #finish: AbortController | null = null;

  async #record(run: Run, options: RecordOptions): Promise<void> {
    this.#mode = 'armed';
    this.guidance = IDLE_GUIDANCE;
    const { durationMs, script } = await run.settle(options.beforeStart(run.signal));
    const stream = this.#camera.stream;
    if (!stream) throw new FaceVerifyError('camera-ended', 'The camera stopped before recording. Try again.');
    const trace = new RecordingTrace();
    const liveness = new LivenessRun(script, options.thresholds);
    const embedding = this.#config().mode === 'embedding';
    const chips = embedding ? new ChipCollector() : null;
    this.#chips = chips;
    const finish = new AbortController();
    this.#trace = trace;
    this.#liveness = liveness;
    this.#finish = finish;
    this.#repeats = { frames: 0, repeated: 0 };
    this.#mode = 'recording';
    const timing = this.#video ? new FrameTimingMeter(this.#video) : null;
    timing?.start();
    try {
      const take = await recordTake(run, stream, trace, {
        clip: !embedding,
        durationMs,
        finish: finish.signal,
        onStart: options.onStart,
        onProgress: (elapsedMs) => {
          if (this.#liveness !== liveness) return;
          liveness.tick(elapsedMs);
          this.guidance = { ...this.guidance, progress: Math.min(1, elapsedMs / durationMs) };
          this.#host.requestUpdate();
          this.#afterLivenessChange(liveness);
        },
        onHidden: () => this.#events.lost(),
      });
      const frameTiming = timing?.stop() ?? null;
      if (!take) return this.#events.lost();
      // The recorder's own cap ended it before the script did: the person ran out of time.
      if (liveness.outcome?.kind !== 'complete') {
        return this.#events.checkFailed({ code: 'action-missed', message: 'the recording reached its longest length before the script was done' });
      }
      const report = liveness.report();
      let face: FaceTemplateTake | null = null;
      if (chips) {
        const describer = await run.settle(this.#descriptors.ensure(run, this.#config().assetsBase));
        const made = await run.settle(templateOfTake(describer, chips, trace.samples, report, take.durationMs, options.thresholds.colourMaxLagMs));
        if (!made.ok) return this.#events.templateFailed(made.reason);
        face = made.take;
      }
      const settings = this.#camera.camera?.settings;
      const recording: Recording = {
        durationMs: take.durationMs,
        clip: take.clip,
        face,
        samples: trace.samples,
        width: this.#video?.videoWidth || settings?.width || 0,
        height: this.#video?.videoHeight || settings?.height || 0,
        liveness: report,
        signals: {
          camera: cameraReport(stream),
          frameTiming,
          repeatShare: this.#repeats.frames ? Math.round((1000 * this.#repeats.repeated) / this.#repeats.frames) / 1000 : null,
        },
      };
      // The camera stays on until the coordinator has judged the recording: a failed check goes back
      // to guidance on the same camera; the review switches it off. No frame is analysed meanwhile.
      this.#mode = 'armed';
      this.#events.recorded(recording);
    } finally {
      timing?.stop();
      if (this.#trace === trace) this.#trace = null;
      if (this.#liveness === liveness) this.#liveness = null;
      chips?.clear();
      if (this.#chips === chips) this.#chips = null;
    }
  }
}
