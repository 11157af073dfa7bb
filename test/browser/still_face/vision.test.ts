/**
 * still_face.mjpeg: one frontal face (a portrait photo), perfectly still. The whole pipeline —
 * getUserMedia → FramePump → worker landmarker → guidance → hold — must find it and hold steady.
 */
import { assessFrame } from '../../../src/vision/guidance.js';
import type { FrameAnalysis } from '../../../src/vision/protocol.js';
import { assert, assertEqual, quantiles } from '../helpers/assert.js';
import { afterEach, describe, it } from '../helpers/mocha.js';
import { describeRun, runPump } from '../helpers/run-pump.js';
import { createClient, releaseAll, startCamera } from '../helpers/session.js';

/** The first analysed frame must already see the face; allow a few for camera start-up. */
const FIRST_FACE_WITHIN = 5;

describe('vision on still_face', () => {
  afterEach(releaseAll);

  it('finds one face from 478 landmarks, passes guidance and holds steady', async () => {
    const client = await createClient();
    console.log(`model init: ${JSON.stringify(roundAll(client.timings))}`);
    const camera = await startCamera();
    const run = await runPump(camera.video, client, {
      maxMs: 20_000,
      // Keep going a little past steady so latencies have a few dozen samples.
      until: (records) => records.filter((r) => r.status.state === 'steady').length >= 20,
    });
    console.log(describeRun('still_face', run));
    const { records } = run;

    const firstFace = records.findIndex((r) => r.analysis.faces === 1);
    assert(firstFace >= 0 && firstFace < FIRST_FACE_WITHIN, `first face at frame ${firstFace} (of ${records.length})`);
    for (const { analysis: a, assessment } of records.slice(firstFace)) {
      assertEqual(a.faces, 1, `faces at t=${a.t}`);
      assertEqual(a.landmarkCount, 478, 'landmarks of the primary face');
      assertEqual(a.faceBoxes.length, 1, 'face boxes');
      assertEqual(`${a.width}x${a.height}`, '640x480', 'frame size');
      assert(assessment.ok, `guidance at t=${a.t}: ${assessment.issue}`);
    }
    const a = records[records.length - 1]!.analysis;
    assertBox(a);
    // Measured on this file: yaw 1.4, pitch 0.6, roll 1.1, blinks ≈ 0.29, face luma 154, frame 94.
    assert(Math.abs(a.yaw!) < 6 && Math.abs(a.pitch!) < 6 && Math.abs(a.roll!) < 6, `frontal pose: ${a.yaw}/${a.pitch}/${a.roll}`);
    assert(a.blinkL! >= 0 && a.blinkL! < 0.5 && a.blinkR! >= 0 && a.blinkR! < 0.5, `open eyes: ${a.blinkL}/${a.blinkR}`);
    assert(a.luma! > 120 && a.luma! < 190, `face luma ${a.luma}`);
    assert(a.frameLuma > 70 && a.frameLuma < 120, `frame luma ${a.frameLuma}`);

    // Timestamps strictly increase; the hold needs ≥ 1.2 s of frames before 'steady'.
    records.forEach((r, i) => i > 0 && assert(r.analysis.t > records[i - 1]!.analysis.t, `t must increase at ${i}`));
    const steadyAt = records.findIndex((r) => r.status.state === 'steady');
    assert(steadyAt > 0, `never steady in ${records.length} frames`);
    const held = records[steadyAt]!.analysis.t - records[firstFace]!.analysis.t;
    assert(held >= 1200 && held < 3000, `steady after ${held.toFixed(0)} ms of good frames`);
    assert(records.slice(steadyAt).every((r) => r.status.state === 'steady'), 'stays steady');

    // Backpressure: never more than one frame in flight, so at most one sent frame is unanswered.
    assertEqual(run.stats.failed, 0, 'failed frames');
    assert(run.stats.sent - run.stats.analysed <= 1, `sent ${run.stats.sent}, analysed ${run.stats.analysed}`);
    const latency = quantiles(records.slice(1).map((r) => r.analysis.latencyMs));
    assert(latency.median < 250, `median worker latency ${latency.median} ms`);
  });

  it('reports position, distance, light and pose in raw image coordinates', async () => {
    const client = await createClient();
    const camera = await startCamera();
    let t = performance.now();
    /** Analyses a transformed copy of the current frame a few times (VIDEO mode tracks), returns the last. */
    const variant = async (draw: (ctx: OffscreenCanvasRenderingContext2D, v: HTMLVideoElement) => void) => {
      let last: FrameAnalysis | null = null;
      for (let i = 0; i < 3; i++) {
        const canvas = new OffscreenCanvas(640, 480);
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = 'rgb(128,128,128)';
        ctx.fillRect(0, 0, 640, 480);
        draw(ctx, camera.video);
        last = await client.analyse(canvas.transferToImageBitmap(), (t += 40));
      }
      return last!;
    };

    const plain = await variant((ctx, v) => ctx.drawImage(v, 0, 0, 640, 480));
    assertBox(plain);
    assert(assessFrame(plain).ok, `plain frame: ${assessFrame(plain).issue}`);

    // Shift the image right: the face is now on the person's own LEFT side of the raw frame.
    const right = await variant((ctx, v) => ctx.drawImage(v, 224, 0, 640, 480));
    near(right.box!.x, plain.box!.x + 0.35, 0.03, 'box x after a shift right');
    assertEqual(assessFrame(right).issue, 'move-right', 'face in the right of the raw image');
    const left = await variant((ctx, v) => ctx.drawImage(v, -192, 0, 640, 480));
    near(left.box!.x, plain.box!.x - 0.3, 0.03, 'box x after a shift left');
    assertEqual(assessFrame(left).issue, 'move-left', 'face in the left of the raw image');

    // Mirror: x flips (the landmarker does not mirror on its own).
    const mirrored = await variant((ctx, v) => {
      ctx.setTransform(-1, 0, 0, 1, 640, 0);
      ctx.drawImage(v, 0, 0, 640, 480);
    });
    near(mirrored.box!.x, 1 - plain.box!.x - plain.box!.w, 0.02, 'mirrored box x');

    // Tilt the image 12° counter-clockwise on screen: roll grows by about +12 (see head-pose.ts).
    const tilted = await variant((ctx, v) => {
      ctx.translate(320, 240);
      ctx.rotate((-12 * Math.PI) / 180);
      ctx.drawImage(v, -320, -240, 640, 480);
    });
    near(tilted.roll! - plain.roll!, 12, 4, 'roll change for a counter-clockwise tilt');

    const far = await variant((ctx, v) => ctx.drawImage(v, 176, 132, 288, 216)); // 0.45×
    assertEqual(assessFrame(far).issue, 'move-closer', `face width ${far.box?.w}`);

    const dark = await variant((ctx, v) => {
      ctx.filter = 'brightness(0.22)';
      ctx.drawImage(v, 0, 0, 640, 480);
    });
    assertEqual(dark.faces, 1, 'the darkened face is still found');
    assertEqual(assessFrame(dark).issue, 'too-dark', `face luma ${dark.luma}`);
  });
});

function assertBox(a: FrameAnalysis): void {
  const box = a.box;
  assert(box, 'a face box');
  assertEqual(box, a.faceBoxes[0], 'box is the largest face box');
  // still_face measured: x 0.41, y 0.19, w 0.26, h 0.43 (normalised, from the 478 landmarks).
  near(box.x, 0.41, 0.04, 'box x');
  near(box.y, 0.19, 0.04, 'box y');
  near(box.w, 0.26, 0.04, 'box w');
  near(box.h, 0.43, 0.05, 'box h');
}

function near(actual: number, expected: number, tolerance: number, what: string): void {
  assert(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

function roundAll(o: object): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(Number(v))]));
}
