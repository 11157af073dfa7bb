/**
 * axe-core on every step a person with a camera goes through, with the cooperative stand-in so the
 * check passes: guidance (colour warning and the no-flash switch), capture (a prompt), review,
 * sending (slow-submit keeps it on screen) and done. Each step: 0 violations, counts printed.
 */
import { assert, assertEqual } from '../helpers/assert.js';
import { assertNoViolations } from '../helpers/axe.js';
import { agree, query, waitFor, waitForStep } from '../helpers/element.js';
import { useHarness } from '../helpers/harness.js';
import { describe, it } from '../helpers/mocha.js';

describe('<face-verify> axe on the camera steps', () => {
  const h = useHarness({ standIn: true });

  it('guidance, capture, review, sending and done each have 0 axe violations; the no-flash switch is a named, focusable button', async () => {
    const el = h.mount(`slow-submit--${Math.random().toString(36).slice(2, 8)}`);
    await agree(el);
    await waitForStep(el, 'guidance');
    const reduced = await waitFor('the no-flash switch', () => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part~="reduced-path"]'), 10_000);
    assert((reduced.textContent ?? '').trim().length > 0, 'the switch has an accessible name');
    reduced.focus();
    assertEqual(el.shadowRoot!.activeElement, reduced, 'the switch takes keyboard focus');
    assert(el.shadowRoot!.querySelector('[part="flash-warning"]'), 'the colour warning is shown');
    await assertNoViolations(el, 'guidance');
    await waitForStep(el, 'capture', 30_000);
    await waitFor('a prompt', () => el.shadowRoot!.querySelector('[part~="prompt"], [part~="prompt-hold"]'), 10_000);
    await assertNoViolations(el, 'capture');
    await waitForStep(el, 'review', 40_000);
    await el.updateComplete;
    await assertNoViolations(el, 'review');
    h.click('send');
    await waitForStep(el, 'sending', 5_000);
    await el.updateComplete;
    await assertNoViolations(el, 'sending');
    await waitForStep(el, 'done', 20_000);
    await el.updateComplete;
    assertEqual(el.shadowRoot!.activeElement, query(el, '[part="heading"]'), 'the receipt heading has focus');
    await assertNoViolations(el, 'done');
  });
});
