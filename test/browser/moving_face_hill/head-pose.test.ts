/**
 * moving_face_hill.mjpeg (8 s loop): per ../shared/media/PROVENANCE.md the person turns to their
 * own RIGHT (yaw ≈ -20) at 1.3-2.5 s, looks UP (pitch ≈ -18) at 5.2-5.7 s and turns to their own
 * LEFT (yaw ≈ +17) at 6.9-7.6 s. Checking the signs on this real clip ties head-pose.ts to the
 * convention the liveness thresholds were measured with; the synthetic unit tests cannot.
 */
import { assert } from '../helpers/assert.js';
import { afterEach, describe, it } from '../helpers/mocha.js';
import { describeRun, runPump } from '../helpers/run-pump.js';
import { createClient, releaseAll, startCamera } from '../helpers/session.js';

const LOOP_MS = 8000;

describe('head pose on moving_face_hill', () => {
  afterEach(releaseAll);

  it('has the documented signs: own-right turn < 0, own-left turn > 0, looking up < 0', async () => {
    const client = await createClient();
    const camera = await startCamera();
    // One full loop plus margin, wherever in the clip the camera starts.
    const run = await runPump(camera.video, client, { maxMs: LOOP_MS + 1500 });
    console.log(describeRun('moving_face_hill', run));
    const frames = run.records.map((r) => r.analysis).filter((a) => a.yaw !== null && a.pitch !== null);
    assert(frames.length >= 60, `only ${frames.length} frames with a pose`);
    const span = frames[frames.length - 1]!.t - frames[0]!.t;
    assert(span >= LOOP_MS, `frames span ${span.toFixed(0)} ms, less than one loop`);

    const minYaw = frames.reduce((m, a) => (a.yaw! < m.yaw! ? a : m));
    const maxYaw = frames.reduce((m, a) => (a.yaw! > m.yaw! ? a : m));
    const minPitch = frames.reduce((m, a) => (a.pitch! < m.pitch! ? a : m));
    const maxPitch = frames.reduce((m, a) => (a.pitch! > m.pitch! ? a : m));
    console.log(
      `yaw ${minYaw.yaw!.toFixed(1)}..${maxYaw.yaw!.toFixed(1)}, pitch ${minPitch.pitch!.toFixed(1)}..${maxPitch.pitch!.toFixed(1)}`,
    );
    // PROVENANCE: yaw -20.0..+17.1, pitch -17.9..+5.6 on this file.
    assert(minYaw.yaw! < -12 && maxYaw.yaw! > 12, `both turns seen: yaw ${minYaw.yaw}..${maxYaw.yaw}`);
    assert(minPitch.pitch! < -12, `looking up gives pitch < 0: min ${minPitch.pitch}`);
    assert(maxPitch.pitch! < 10, `never looks down by much: max ${maxPitch.pitch}`);
    // Order within the loop: the own-left turn (max yaw) comes ≈ 5 s after the own-right turn
    // (min yaw). With yaw's sign flipped the two would swap and the gap would be ≈ 3 s.
    const gap = (((maxYaw.t - minYaw.t) % LOOP_MS) + LOOP_MS) % LOOP_MS;
    assert(gap > 4000 && gap < 6500, `own-left turn ${gap.toFixed(0)} ms after the own-right turn (expected ≈ 5000)`);
  });
});
