/** still_face.mjpeg: one well-placed face. The element's guidance must let it through to recording. */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assert } from '../helpers/assert.js';
import { agree, mount, query, spyOnCamera, waitFor, waitForStep } from '../helpers/element.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

describe('<face-verify> with one face in view', () => {
  let el: FaceVerify | null = null;
  let camera: ReturnType<typeof spyOnCamera> | null = null;

  afterEach(() => {
    el?.remove();
    camera?.restore();
  });

  it('passes guidance and starts recording; removing the element stops the camera', async () => {
    camera = spyOnCamera();
    el = mount();
    const steps: string[] = [];
    el.addEventListener('face-verify-step', (e) => steps.push(e.detail.step));
    await agree(el);
    await waitForStep(el, 'guidance');
    await waitForStep(el, 'capture', 20_000);
    assert(query(el, '[part="message"]').textContent!.includes('Recording'), 'says it is recording');
    assert(steps.join(',').startsWith('camera,guidance,capture'), `steps: ${steps.join(',')}`);
    assert(camera.streams.length === 1 && camera.streams[0]!.getVideoTracks()[0]!.readyState === 'live', 'camera live while recording');
    el.remove();
    await waitFor('tracks to end', () => camera!.streams.every((s) => s.getTracks().every((t) => t.readyState === 'ended')), 2_000);
  });
});
