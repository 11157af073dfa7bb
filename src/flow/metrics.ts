/**
 * What one session measured about itself, for the host's diagnostics and the benchmarks. Times are
 * milliseconds from the monotonic clock; absent until the moment they measure has happened.
 */
export interface FlowMetrics {
  /** From "I agree" to the first analysed camera frame. */
  consentToFirstFrameMs?: number;
  /** From the latest camera start (first attempt or retake) to its first analysed frame. */
  cameraToFirstFrameMs?: number;
  /** Whether the vision worker was already warm (a retake) at the latest camera start. */
  visionWarm?: boolean;
  /** Model and wasm load plus landmarker init in the worker. */
  visionInitMs?: number;
  /** Per-frame landmark latency inside the worker: median and 95th percentile of this session. */
  frameLatencyMedianMs?: number;
  frameLatencyP95Ms?: number;
  framesAnalysed?: number;
  clipBytes?: number;
  /** Embedding mode: frames the template was made from, their largest distance, and the descriptor's time for them. */
  templateFrames?: number;
  templateSpread?: number;
  templateDescribeMs?: number;
  sealedBytes?: number;
  sealMs?: number;
  uploadMs?: number;
  /** From "I agree" to the receipt. */
  sessionMs?: number;
}

/** Keeps the last `capacity` frame latencies and reports their median and p95. */
export class LatencyWindow {
  private readonly values: number[] = [];
  private count = 0;

  constructor(private readonly capacity = 300) {}

  add(value: number): void {
    this.count++;
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
  }

  get total(): number {
    return this.count;
  }

  /** The q-quantile (0..1) by nearest rank, or undefined with no samples. */
  quantile(q: number): number | undefined {
    if (this.values.length === 0) return undefined;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  }
}

/** Feeds per-frame figures into a session's {@link FlowMetrics}. */
export class FrameMeter {
  readonly #latencies = new LatencyWindow();
  #cameraStartedAt = 0;
  #firstFramePending = false;

  constructor(private readonly metrics: FlowMetrics) {}

  /** A camera start (first or retake): the next frame measures camera → first frame. */
  cameraStarted(now: number): void {
    this.#cameraStartedAt = now;
    this.#firstFramePending = true;
  }

  /** One analysed frame; `agreedAt` is the monotonic time of "I agree". */
  frame(latencyMs: number, now: number, agreedAt: number): void {
    const m = this.metrics;
    this.#latencies.add(latencyMs);
    m.frameLatencyMedianMs = this.#latencies.quantile(0.5);
    m.frameLatencyP95Ms = this.#latencies.quantile(0.95);
    m.framesAnalysed = this.#latencies.total;
    if (!this.#firstFramePending) return;
    this.#firstFramePending = false;
    m.consentToFirstFrameMs ??= now - agreedAt;
    m.cameraToFirstFrameMs = now - this.#cameraStartedAt;
  }
}
