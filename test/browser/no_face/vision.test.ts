/** no_face.mjpeg: a coffee cup, no person. Guidance must say 'no-face' and never hold. */
import { assert, assertEqual } from '../helpers/assert.js';
import { afterEach, describe, it } from '../helpers/mocha.js';
import { describeRun, runPump } from '../helpers/run-pump.js';
import { createClient, releaseAll, startCamera } from '../helpers/session.js';

describe('vision on no_face', () => {
  afterEach(releaseAll);

  it("reports 'no-face' on every frame and never holds", async () => {
    const client = await createClient();
    const camera = await startCamera();
    // Three hold times: long enough that a wrongly accepted frame sequence would reach steady.
    const run = await runPump(camera.video, client, { maxMs: 3600 });
    console.log(describeRun('no_face', run));
    assert(run.records.length >= 20, `only ${run.records.length} frames analysed`);
    for (const { analysis, assessment, status } of run.records) {
      assertEqual(analysis.faces, 0, `faces at t=${analysis.t}`);
      assertEqual(analysis.box, null, 'box');
      assertEqual(analysis.landmarkCount, 0, 'landmarks');
      assertEqual(assessment.issue, 'no-face', 'issue');
      assertEqual(status.state, 'searching', 'hold state');
      assertEqual(status.issue, 'no-face', 'hold issue');
    }
  });
});
