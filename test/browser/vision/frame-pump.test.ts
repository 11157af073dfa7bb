/**
 * FramePump against Chromium's synthetic fake camera, with a slow fake analyser: checks the loop
 * itself (backpressure, timestamps, stop) independently of MediaPipe.
 */
import { FramePump, type FrameAnalyser } from '../../../src/vision/frame-pump.js';
import type { FrameAnalysis } from '../../../src/vision/protocol.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { afterEach, describe, it } from '../helpers/mocha.js';
import { releaseAll, startCamera } from '../helpers/session.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Answers after `delayMs`, recording concurrency, timestamps and bitmap sizes. */
class SlowAnalyser implements FrameAnalyser {
  inFlight = 0;
  maxInFlight = 0;
  timestamps: number[] = [];
  /** performance.now() when each analysis was asked for and when each one answered. */
  calledAt: number[] = [];
  answeredAt: number[] = [];
  sizes: string[] = [];
  failNext = 0;
  constructor(private readonly delayMs: number) {}
  async analyse(bitmap: ImageBitmap, t: number): Promise<FrameAnalysis> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.timestamps.push(t);
    this.calledAt.push(performance.now());
    this.sizes.push(`${bitmap.width}x${bitmap.height}`);
    bitmap.close();
    await sleep(this.delayMs);
    this.inFlight--;
    this.answeredAt.push(performance.now());
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('synthetic failure');
    }
    return {
      t, faces: 0, box: null, yaw: null, pitch: null, roll: null, blinkL: null, blinkR: null, luma: null,
      latencyMs: this.delayMs, width: 640, height: 480, faceBoxes: [], landmarkCount: 0, frameLuma: 0, repeat: false,
    };
  }
}

/** The camera's median frame interval, from requestVideoFrameCallback (Chromium's test camera runs at 20 fps). */
async function frameInterval(video: HTMLVideoElement): Promise<number> {
  const times: number[] = [];
  await new Promise<void>((done) => {
    const next = (now: number) => {
      times.push(now);
      if (times.length === 12) done();
      else video.requestVideoFrameCallback(next);
    };
    video.requestVideoFrameCallback(next);
  });
  const intervals = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
  return intervals[intervals.length >> 1]!;
}

describe('FramePump', () => {
  afterEach(releaseAll);

  it('keeps one frame in flight, drops the rest, and uses strictly increasing timestamps', async () => {
    const camera = await startCamera();
    const analyser = new SlowAnalyser(120);
    const samples: number[] = [];
    const pump = new FramePump(camera.video, analyser, (a) => samples.push(a.t));
    pump.start();
    pump.start(); // idempotent
    await sleep(1500);
    pump.stop();
    assertEqual(analyser.maxInFlight, 1, 'frames in flight at once');
    assert(samples.length >= 6, `only ${samples.length} samples in 1.5 s`);
    assert(pump.stats.dropped > 0, 'a 120 ms analyser on a 30 fps camera must drop frames');
    analyser.timestamps.forEach((t, i) => i > 0 && assert(t > analyser.timestamps[i - 1]!, `timestamp ${i} increases`));
    assertEqual(analyser.sizes[0], '640x480', 'bitmap size');
  });

  it('takes the newest frame the moment the analyser is free instead of waiting for the next camera frame', async () => {
    const camera = await startCamera();
    const interval = await frameInterval(camera.video);
    // Answering 1.3 frame intervals after a frame: a pump that waits for the next camera frame
    // idles ~0.7 of an interval after every answer; one that takes the waiting frame idles only for
    // the grab (createImageBitmap).
    const analyser = new SlowAnalyser(Math.round(interval * 1.3));
    const pump = new FramePump(camera.video, analyser, () => {});
    pump.start();
    await sleep(2000);
    pump.stop();
    const gaps = analyser.answeredAt.slice(0, analyser.calledAt.length - 1).map((at, i) => analyser.calledAt[i + 1]! - at);
    gaps.sort((a, b) => a - b);
    const median = gaps[gaps.length >> 1]!;
    assert(gaps.length >= 10, `only ${gaps.length} analyses in 2 s`);
    assert(
      median < interval * 0.5,
      `median idle time between an answer and the next analysis ${median.toFixed(1)} ms, camera frames every ${interval.toFixed(1)} ms (gaps ${gaps.map((g) => g.toFixed(0)).join(', ')})`,
    );
    analyser.timestamps.forEach((t, i) => assert(t <= analyser.calledAt[i]!, `frame ${i} is stamped with when it was shown, not later`));
    assertEqual(analyser.maxInFlight, 1, 'frames in flight at once');
  });

  it('stop() is idempotent, delivers nothing afterwards, and leaves the camera running', async () => {
    const camera = await startCamera();
    const analyser = new SlowAnalyser(200);
    let delivered = 0;
    const pump = new FramePump(camera.video, analyser, () => delivered++);
    pump.start();
    await sleep(300); // a frame is now in flight
    pump.stop();
    pump.stop();
    assert(!pump.running, 'not running');
    const atStop = delivered;
    await sleep(500);
    assertEqual(delivered, atStop, 'samples delivered after stop');
    assertEqual(camera.stream.getVideoTracks()[0]!.readyState, 'live', 'camera track');
    // Restart works and timestamps keep increasing across runs.
    const before = analyser.timestamps.length;
    const lastBefore = analyser.timestamps[before - 1]!;
    pump.start();
    await sleep(600);
    pump.stop();
    assert(analyser.timestamps.length > before, 'frames after restart');
    assert(analyser.timestamps[before]! > lastBefore, 'timestamps increase across restarts');
    assertEqual(analyser.maxInFlight, 1, 'in flight across restart');
  });

  it('reports single failures as frame failures and stops after three in a row', async () => {
    const camera = await startCamera();
    const analyser = new SlowAnalyser(10);
    const frameFailures: number[] = [];
    let fatal: unknown = null;
    analyser.failNext = 1;
    const pump = new FramePump(
      camera.video,
      analyser,
      () => {},
      (error) => (fatal = error),
      { onFrameFailed: (_error, t) => frameFailures.push(t) },
    );
    pump.start();
    await sleep(400);
    assertEqual(frameFailures.length, 1, 'one failed frame reported');
    assert(pump.running, 'one failure does not stop the pump');
    assertEqual(fatal, null, 'not fatal');
    analyser.failNext = 3;
    await sleep(600);
    assert(!pump.running, 'stopped after three consecutive failures');
    assert(fatal instanceof Error && fatal.message === 'synthetic failure', `fatal error: ${String(fatal)}`);
    assertEqual(frameFailures.length, 3, 'the first two of the three were frame failures');
  });

  it('stops when the analyser is closed (AbortError)', async () => {
    const camera = await startCamera();
    let fatal: unknown = null;
    const closed: FrameAnalyser = {
      analyse: async (bitmap) => {
        bitmap.close();
        throw new DOMException('closed', 'AbortError');
      },
    };
    const pump = new FramePump(camera.video, closed, () => {}, (e) => (fatal = e));
    pump.start();
    await sleep(300);
    assert(!pump.running, 'stopped');
    assertEqual((fatal as DOMException | null)?.name, 'AbortError', 'fatal error');
  });
});
