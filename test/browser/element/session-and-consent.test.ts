/**
 * The session's unhappy paths and the consent step's manners, on the test-pattern camera: deadlines,
 * a session token that aged (renewed silently), a notice that changed (never silently), the
 * agreement box that always starts unticked, and focus that follows the step.
 */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { agree, backendLog, mount, nextError, query, shadowText, spyOnCamera, waitFor, waitForStep } from '../helpers/element.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

const tag = () => Math.random().toString(36).slice(2, 8);

describe('<face-verify> session and consent', () => {
  let el: FaceVerify | null = null;
  let spies: { restore(): void }[] = [];

  afterEach(() => {
    el?.remove();
    el = null;
    spies.forEach((s) => s.restore());
    spies = [];
  });

  it('a session endpoint slower than its deadline gives session-unavailable, promptly', async () => {
    const started = performance.now();
    el = mount(`slow-session--${tag()}`, (e) => (e.timeouts = { sessionMs: 500 }));
    const detail = await nextError(el);
    const took = performance.now() - started;
    assertEqual(detail.code, 'session-unavailable', 'error code');
    assert(/did not answer within 500 ms/.test(detail.message), `message names the deadline: ${detail.message}`);
    assert(took < 2_500, `reported after ${Math.round(took)} ms (the backend answers after 3 s)`);
    assert(el.shadowRoot!.querySelector('button[part~="retry"]'), 'a retry button');
  });

  it('the page-load session request is POST {} as JSON, and the challenge is asked for only after consent', async () => {
    const variant = `ok--${tag()}`;
    el = mount(variant);
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    assertEqual((await backendLog(variant)).map((e) => e.route).join(','), 'session', 'requests before consent');
    await agree(el);
    await waitForStep(el, 'guidance');
    const log = await backendLog(variant);
    assertEqual(log.map((e) => e.route).join(','), 'session,challenge', 'requests after consent');
    assert(log[1]!.headers['content-type']!.startsWith('application/json'), 'challenge request is JSON');
  });

  it('a session token that expired while the person read is renewed silently', async () => {
    const variant = `expire-first-session--${tag()}`;
    el = mount(variant);
    const errors: string[] = [];
    el.addEventListener('face-verify-error', (e) => errors.push(e.detail.code));
    await agree(el);
    await waitForStep(el, 'guidance');
    assertEqual(errors.length, 0, 'no error shown');
    assertEqual((await backendLog(variant)).map((e) => e.route).join(','), 'session,challenge,session,challenge', 'requests');
  });

  it('a notice that changed meanwhile is shown again, never agreed silently; the box is unticked', async () => {
    const camera = spyOnCamera();
    spies.push(camera);
    el = mount(`notice-changed--${tag()}`);
    const error = nextError(el);
    await agree(el);
    const detail = await error;
    assertEqual(detail.code, 'session-invalid', 'error code');
    assert(/notice changed/i.test(shadowText(el)), `says the notice changed: ${shadowText(el)}`);
    assertEqual(camera.calls(), 0, 'the camera was never asked for');
    query<HTMLButtonElement>(el, 'button[part~="retry"]').click();
    await waitFor('the changed notice', () => shadowText(el!).includes('(updated)'));
    assertEqual(el.getAttribute('step'), 'consent', 'step');
    assertEqual(query<HTMLInputElement>(el, 'input[type=checkbox]').checked, false, 'the agreement box is unticked again');
    assert(query<HTMLButtonElement>(el, 'button.primary').disabled, 'Continue is disabled again');
  });

  it('the agreement box is unticked after the element is removed and added again', async () => {
    el = mount();
    await waitFor('the notice', () => el!.shadowRoot?.querySelector('input[type=checkbox]'));
    query<HTMLInputElement>(el, 'input[type=checkbox]').click();
    await el.updateComplete;
    assertEqual(query<HTMLInputElement>(el, 'input[type=checkbox]').checked, true, 'ticked before removal');
    el.remove();
    document.body.append(el);
    await el.updateComplete;
    await waitFor('the notice again', () => el!.shadowRoot?.querySelector('input[type=checkbox]'));
    assertEqual(query<HTMLInputElement>(el, 'input[type=checkbox]').checked, false, 'unticked after re-adding');
    assert(query<HTMLButtonElement>(el, 'button.primary').disabled, 'Continue is disabled');
  });

  it("focus moves to each new step's heading (tabindex -1), but not on first load", async () => {
    el = mount();
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    const heading = query<HTMLHeadingElement>(el, 'h2');
    assertEqual(heading.getAttribute('tabindex'), '-1', 'heading tabindex');
    assert(el.shadowRoot!.activeElement !== heading, 'page load does not steal focus');
    const focused: string[] = [];
    el.addEventListener('face-verify-step', async () => {
      await el!.updateComplete;
      const active = el!.shadowRoot!.activeElement;
      focused.push(`${el!.getAttribute('step')}:${active?.tagName ?? 'none'}`);
    });
    await agree(el);
    await waitForStep(el, 'guidance');
    await waitFor('the guidance step to be focused', () => focused.includes('guidance:H2'));
    assert(focused.includes('camera:H2'), `camera heading focused: ${focused.join(', ')}`);
    assertEqual(el.shadowRoot!.activeElement?.textContent, 'Position your face', 'the focused heading names the step');
  });
});
