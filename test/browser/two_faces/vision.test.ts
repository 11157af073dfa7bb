/** two_faces.mjpeg: two people side by side. Guidance must say 'multiple-faces' and never hold. */
import { assert, assertEqual } from '../helpers/assert.js';
import { afterEach, describe, it } from '../helpers/mocha.js';
import { describeRun, runPump } from '../helpers/run-pump.js';
import { createClient, releaseAll, startCamera } from '../helpers/session.js';

describe('vision on two_faces', () => {
  afterEach(releaseAll);

  it("reports 'multiple-faces' and never holds", async () => {
    const client = await createClient();
    const camera = await startCamera();
    const run = await runPump(camera.video, client, { maxMs: 3600 });
    console.log(describeRun('two_faces', run));
    assert(run.records.length >= 20, `only ${run.records.length} frames analysed`);
    // The detector could miss one of the two in a frame; such a frame must still not pass (the
    // remaining face is small and off-centre), and most frames must see both.
    const both = run.records.filter((r) => r.analysis.faces === 2);
    assert(both.length >= run.records.length * 0.9, `both faces in ${both.length}/${run.records.length} frames`);
    for (const { analysis, assessment, status } of run.records) {
      assert(!assessment.ok, `frame at t=${analysis.t} passed guidance`);
      assertEqual(status.state, 'searching', 'hold state');
      if (analysis.faces === 2) {
        assertEqual(assessment.issue, 'multiple-faces', 'issue');
        const [a, b] = analysis.faceBoxes;
        // Measured: two faces of width 0.17, far apart (one each side).
        assert(a && b && Math.abs(a.w - b.w) < 0.05, `similar sizes: ${a?.w} / ${b?.w}`);
        assert(Math.abs(a.x - b.x) > 0.3, `side by side: x ${a.x} / ${b.x}`);
      }
    }
  });
});
