import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorText } from '../../../src/element/templates/outcome.js';
import { en } from '../../../src/element/i18n/en.js';
import { vi } from '../../../src/element/i18n/locales/vi.js';

test('an error with its own translated text shows that text, not the message', () => {
  assert.equal(errorText(vi, { code: 'camera-denied' }), vi.error.codes['camera-denied']);
});

test('an error code without a translation shows the generic translated text, never the server message', () => {
  // config-invalid has no entry in codes (it is the operator's problem, shown through `configuration`).
  assert.equal(en.error.codes['config-invalid'], undefined);
  assert.equal(errorText(vi, { code: 'config-invalid' }), 'Đã xảy ra lỗi. Hãy thử lại, hoặc dùng cách khác.');
  assert.equal(errorText(en, { code: 'config-invalid' }), 'Something went wrong. Try again, or use the alternative.');
});
