/**
 * Accessibility and theming of the steps reachable without a face: axe-core (the real engine, in
 * this browser, through the open shadow root) on the notice, the declined and the error steps; 44 px
 * targets measured with getBoundingClientRect; and the theme attribute against the system preference.
 */
import { emulateMedia } from '@web/test-runner-commands';
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { assertNoViolations } from '../helpers/axe.js';
import { mount, query, shadowText, waitFor, waitForStep } from '../helpers/element.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

const background = (el: FaceVerify): string => getComputedStyle(query(el, '.container')).backgroundColor;

describe('<face-verify> accessibility and theming without a camera', () => {
  let el: FaceVerify | null = null;
  afterEach(async () => {
    el?.remove();
    el = null;
    await emulateMedia({ colorScheme: 'no-preference' });
  });

  it('the notice has 0 axe violations, before and after ticking the agreement', async () => {
    el = mount();
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    await assertNoViolations(el, 'consent');
    query<HTMLInputElement>(el, 'input[type=checkbox]').click();
    await el.updateComplete;
    await assertNoViolations(el, 'consent (agreed)');
  });

  it('every button, the agreement label and every link styled as a button on the notice is at least 44×44 px', async () => {
    el = mount();
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    const targets = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, label.agree, select, .button')];
    assert(targets.length >= 3, `found ${targets.length} targets`);
    const small = targets
      .map((t) => ({ t, r: t.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ t, r }) => `${t.getAttribute('part') ?? t.className}: ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
    assertEqual(small.join(', '), '', 'targets smaller than 44 px');
  });

  it('the declined step has 0 axe violations and takes focus on its heading', async () => {
    el = mount();
    await waitFor('the notice', () => el!.shadowRoot!.querySelector('button[part~="decline"]'));
    query<HTMLButtonElement>(el, 'button[part~="decline"]').click();
    await waitForStep(el, 'declined');
    await el.updateComplete;
    assertEqual(el.shadowRoot!.activeElement, query(el, '[part="heading"]'), 'focused element');
    await assertNoViolations(el, 'declined');
  });

  it('the error step has 0 axe violations', async () => {
    el = mount('down');
    await waitForStep(el, 'error');
    await el.updateComplete;
    await assertNoViolations(el, 'error');
  });

  it('theme="dark" wins over a light system preference, theme="light" over a dark one, and auto follows the system', async () => {
    await emulateMedia({ colorScheme: 'light' });
    el = mount();
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    const light = background(el);
    el.theme = 'dark';
    await el.updateComplete;
    assertEqual(el.getAttribute('theme'), 'dark', 'reflected attribute');
    const dark = background(el);
    console.log(`theme backgrounds: light ${light}, dark ${dark}`);
    assertEqual(light, 'rgb(255, 255, 255)', 'auto under a light preference');
    assertEqual(dark, 'rgb(22, 27, 34)', 'theme="dark" under a light preference');
    await emulateMedia({ colorScheme: 'dark' });
    el.theme = 'light';
    await el.updateComplete;
    assertEqual(background(el), 'rgb(255, 255, 255)', 'theme="light" under a dark preference');
    el.theme = 'auto';
    await el.updateComplete;
    assertEqual(background(el), 'rgb(22, 27, 34)', 'auto under a dark preference');
    await assertNoViolations(el, 'consent (dark)');
  });

  it('a host custom property overrides the fallback in both themes', async () => {
    el = mount(undefined, (e) => e.style.setProperty('--face-verify-background', 'rgb(1, 2, 3)'));
    await waitFor('the notice', () => shadowText(el!).includes('Test Market'));
    assertEqual(background(el), 'rgb(1, 2, 3)', 'light');
    el.theme = 'dark';
    await el.updateComplete;
    assertEqual(background(el), 'rgb(1, 2, 3)', 'dark');
  });
});
