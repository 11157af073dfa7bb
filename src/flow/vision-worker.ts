/**
 * The landmarker worker's lifetime within a session: loaded lazily after consent, kept through the
 * review so a retake starts warm, replaced when it died, and terminated on every other exit.
 */
import type { FaceLandmarkerClient, GuidanceHold } from '../vision/index.js';
import type { FlowMetrics } from './metrics.js';
import type { Run } from './run-scope.js';

type Vision = typeof import('../vision/index.js');

export interface VisionOptions {
  assetsBase: string;
  delegate: 'CPU' | 'GPU';
}

export class VisionWorker {
  /** The vision module, once imported (it holds no MediaPipe code until a client is created). */
  vision: Vision | null = null;
  client: FaceLandmarkerClient | null = null;
  hold: GuidanceHold | null = null;
  /** True when the current client was carried over from an earlier camera start. */
  reused = false;

  constructor(private readonly metrics: FlowMetrics) {}

  /**
   * The client for a camera start: the warm one, or a new one. A client that arrives after `run` was
   * aborted is closed at once, never kept.
   */
  async ensure(run: Run, options: VisionOptions): Promise<FaceLandmarkerClient> {
    this.reused = this.client !== null;
    this.metrics.visionWarm = this.reused;
    if (this.client) return this.client;
    const started = performance.now();
    const vision = (this.vision ??= await run.settle(import('../vision/index.js')));
    const client = await run.settle(
      vision.FaceLandmarkerClient.create({ assetsBase: options.assetsBase, delegate: options.delegate, signal: run.signal }),
      (late) => late.close(),
    );
    this.metrics.visionInitMs = performance.now() - started;
    this.client = client;
    this.hold ??= new vision.GuidanceHold();
    return client;
  }

  /** Terminates the worker (idempotent). */
  close(): void {
    this.client?.close();
    this.client = null;
    this.hold = null;
    this.reused = false;
  }
}
