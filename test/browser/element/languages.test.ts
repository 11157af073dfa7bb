/** The element speaks the language of its `lang` (or the page's), lays Arabic out right to left, and follows a change at run time. */
import type { FaceVerify } from '../../../src/element/face-verify.js';
import { vi } from '../../../src/element/i18n/locales/vi.js';
import { ar } from '../../../src/element/i18n/locales/ar.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { mount, shadowText, waitFor } from '../helpers/element.js';
import { afterEach, describe, it } from '../helpers/mocha.js';

const tag = () => Math.random().toString(36).slice(2, 8);
const container = (el: FaceVerify) => el.shadowRoot!.querySelector('[part~="container"]') as HTMLElement;

describe('<face-verify> languages', () => {
  let el: FaceVerify | null = null;
  afterEach(() => {
    el?.remove();
    el = null;
  });

  it('lang="vi" shows the Vietnamese notice title and Continue button', async () => {
    el = mount(`ok--${tag()}`, (e) => e.setAttribute('lang', 'vi'));
    await waitFor('the Vietnamese notice', () => shadowText(el!).includes(vi.consent.continue));
    assertEqual(el.shadowRoot!.querySelector('h2')!.textContent!.trim(), 'Kiểm tra khuôn mặt: hãy đọc trước khi đồng ý', 'heading');
    assertEqual(container(el).getAttribute('lang'), 'vi', 'container lang');
  });

  it('lang="ar" renders right to left: computed direction rtl, Continue to the right of Decline', async () => {
    el = mount(`ok--${tag()}`, (e) => e.setAttribute('lang', 'ar'));
    await waitFor('the Arabic notice', () => shadowText(el!).includes(ar.consent.continue));
    assertEqual(getComputedStyle(container(el)).direction, 'rtl', 'computed direction');
    const primary = el.shadowRoot!.querySelector('button[part~="continue"]')!.getBoundingClientRect();
    const decline = el.shadowRoot!.querySelector('button[part~="decline"]')!.getBoundingClientRect();
    assert(primary.left > decline.left, `the first action sits at the right in rtl (continue ${primary.left}, decline ${decline.left})`);
  });

  it('strings for the chosen locale replace the named string and keep the rest of it', async () => {
    el = mount(`ok--${tag()}`, (e) => {
      e.setAttribute('lang', 'vi');
      e.strings = { vi: { consent: { continue: 'Bắt đầu kiểm tra' } }, en: { consent: { continue: 'Not this one' } } };
    });
    await waitFor('the overridden Continue button', () => shadowText(el!).includes('Bắt đầu kiểm tra'));
    assertEqual(el.shadowRoot!.querySelector('button[part~="continue"]')!.textContent!.trim(), 'Bắt đầu kiểm tra', 'continue button');
    assertEqual(el.shadowRoot!.querySelector('button[part~="decline"]')!.textContent!.trim(), vi.consent.decline, 'decline button keeps the locale string');
  });

  it('changing lang at run time re-renders in the new language', async () => {
    el = mount(`ok--${tag()}`, (e) => e.setAttribute('lang', 'en'));
    await waitFor('the English notice', () => shadowText(el!).includes('Continue'));
    el.setAttribute('lang', 'vi');
    await waitFor('the Vietnamese notice', () => shadowText(el!).includes(vi.consent.continue));
    assertEqual(getComputedStyle(container(el)).direction, 'ltr', 'vi is left to right');
  });
});
