/** two_faces.mjpeg: the element must say what is wrong and never start recording. */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assertEqual } from '../helpers/assert.js';
import { agree, mount, query, waitFor, waitForStep } from '../helpers/element.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

describe('<face-verify> with two faces in view', () => {
  let el: FaceVerify | null = null;

  afterEach(() => el?.remove());

  it('says "Only one person" and never records', async () => {
    el = mount();
    await agree(el);
    await waitForStep(el, 'guidance');
    await waitFor('the guidance message', () => query(el!, '[part="message"]').textContent!.includes('Only one person'), 15_000);
    // The live region speaks an issue once it has held (the announcer's settle time, 1.5 s), not on its first frame.
    await waitFor('"Only one person" announced to screen readers', () => query(el!, '[aria-live="polite"]').textContent!.includes('Only one person'), 3_000);
    await new Promise((r) => setTimeout(r, 3000));
    assertEqual(el.getAttribute('step'), 'guidance', 'still guiding, not recording');
  });
});
