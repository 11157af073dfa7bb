/**
 * The notice and what happens around it, on Chromium's built-in test-pattern camera: nothing heavy
 * loads and the camera is never asked for until the person agrees; declining keeps it that way;
 * a broken notice or backend is a visible, typed error.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { validManifest } from '../../fixtures/manifest.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { agree, heavyResources, mount, query, shadowText, spyOnCamera, spyOnWorkers, waitFor, waitForStep } from '../helpers/element.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

describe('<face-verify> before and around consent', () => {
  let el: FaceVerify | null = null;
  let spies: { restore(): void }[] = [];

  afterEach(() => {
    el?.remove();
    el = null;
    spies.forEach((s) => s.restore());
    spies = [];
  });

  it('loads nothing heavy and never touches the camera until the person agrees', async () => {
    const camera = spyOnCamera();
    const workers = spyOnWorkers();
    spies.push(camera, workers);
    el = mount();
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    const checkbox = query<HTMLInputElement>(el, 'input[type=checkbox]');
    assertEqual(checkbox.checked, false, 'the agreement box starts unticked');
    assert(query<HTMLButtonElement>(el, 'button.primary').disabled, 'Continue is disabled until ticked');
    await new Promise((r) => setTimeout(r, 1000));
    assertEqual(camera.calls(), 0, 'getUserMedia calls before consent');
    assertEqual(workers.urls.length, 0, 'workers started before consent');
    assertEqual(heavyResources().length, 0, `heavy resources before consent: ${heavyResources().join(', ')}`);
    assertEqual(el.getAttribute('step'), 'consent', 'step attribute');

    // The same spies do see the loading once the person agrees, so they can fail.
    await agree(el);
    await waitForStep(el, 'guidance');
    assertEqual(camera.calls(), 1, 'getUserMedia calls after consent');
    assert(workers.urls.some((u) => u.includes('landmarker.worker')), `worker started: ${workers.urls.join(', ')}`);
  });

  it('shows every part of the notice the law asks for', async () => {
    el = mount();
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    const text = shadowText(el);
    const m = validManifest();
    for (const expected of ['biometric', m.controller.name, m.controller.contact, m.processors[0]!.name, m.purpose, 'short video',
      'Kept for 30 days', m.retention.description, m.recipients[0]!, m.notSold, m.rights[0]!.how, m.alternative.description, 'Privacy policy']) {
      assert(text.includes(expected), `notice lacks "${expected}"`);
    }
    assertEqual(query<HTMLAnchorElement>(el, 'a[href="/privacy"]').target, '_blank', 'policy link opens beside the form');
  });

  it('declining fires face-verify-declined and never opens the camera', async () => {
    const camera = spyOnCamera();
    spies.push(camera);
    el = mount();
    const declined = new Promise<string>((resolve) => el!.addEventListener('face-verify-declined', (e) => resolve(e.detail.reason)));
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    query<HTMLButtonElement>(el, 'button[part~="decline"]').click();
    assertEqual(await declined, 'declined', 'decline reason');
    await waitForStep(el, 'declined');
    assert(shadowText(el).includes('Nothing was recorded'), 'tells the person nothing was recorded');
    assert(el.shadowRoot!.querySelector('a[part="alternative-link"]'), 'offers the alternative');
    assertEqual(camera.calls(), 0, 'getUserMedia calls');
  });

  it('announces each step in an aria-live region', async () => {
    el = mount();
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    const live = query<HTMLElement>(el, '[aria-live="polite"]');
    assert(live.textContent!.includes('read before you agree'), `live region says "${live.textContent}"`);
  });

  for (const [variant, code] of [['bad-manifest', 'manifest-invalid'], ['no-manifest', 'manifest-missing']] as const) {
    it(`a notice that is ${variant === 'bad-manifest' ? 'incomplete' : 'missing'} is a visible configuration error (${code})`, async () => {
      el = mount(variant);
      const error = new Promise<{ code: string; message: string }>((resolve) => el!.addEventListener('face-verify-error', (e) => resolve(e.detail)));
      const detail = await error;
      assertEqual(detail.code, code, 'error code');
      await waitForStep(el, 'error');
      assert(shadowText(el).includes('not set up correctly'), 'the person is told the page is misconfigured');
      if (variant === 'bad-manifest') assert(/retention.*alternative|alternative.*retention/s.test(detail.message), `names the fields: ${detail.message}`);
      assertEqual(el.shadowRoot!.querySelector('button[part~="retry"]'), null, 'no retry for a configuration error');
      assertEqual(el.shadowRoot!.querySelector('input[type=checkbox]'), null, 'no agreement can be given');
    });
  }

  it('a backend that is down gives session-unavailable and a retry', async () => {
    el = mount('down');
    const error = new Promise<string>((resolve) => el!.addEventListener('face-verify-error', (e) => resolve(e.detail.code)));
    assertEqual(await error, 'session-unavailable', 'error code');
    await waitForStep(el, 'error');
    assert(el.shadowRoot!.querySelector('button[part~="retry"]'), 'a retry button');
  });

  it('a refused camera gives camera-denied, a message and a retry, and no leaked worker', async () => {
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    spies.push({ restore: () => void (navigator.mediaDevices.getUserMedia = original) });
    el = mount();
    const error = new Promise<string>((resolve) => el!.addEventListener('face-verify-error', (e) => resolve(e.detail.code)));
    await agree(el);
    assertEqual(await error, 'camera-denied', 'error code');
    await waitForStep(el, 'error');
    assert(shadowText(el).includes('Allow the camera'), 'tells the person how to fix it');
    assert(el.shadowRoot!.querySelector('button[part~="retry"]'), 'a retry button');
  });
});
