/** The operator's `strings` replace only what they name, keep the rest, and refuse a value of the wrong kind. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../../../src/element/i18n/en.js';
import { mergeStrings } from '../../../src/element/i18n/overrides.js';

test('an override replaces the string it names and keeps its siblings and the rest', () => {
  const merged = mergeStrings(en, { consent: { continue: 'Start the check' } });
  assert.equal(merged.consent.continue, 'Start the check');
  assert.equal(merged.consent.decline, en.consent.decline);
  assert.equal(merged.stepTitle.done, 'Sent');
});

test('an override of a function key is used with the arguments', () => {
  const merged = mergeStrings(en, { consent: { retention: (days) => `We keep it ${days} days` } });
  assert.equal(merged.consent.retention(7), 'We keep it 7 days');
});

test('merging leaves the locale itself unchanged', () => {
  mergeStrings(en, { consent: { continue: 'Start the check' } });
  assert.equal(en.consent.continue, 'Continue');
});

test('no override gives the locale as it is', () => {
  assert.equal(mergeStrings(en, undefined), en);
});

test('a string where the locale has a function is refused, naming the key', () => {
  assert.throws(
    () => mergeStrings(en, { consent: { retention: 'Kept a while' } } as never, 'strings["en"]'),
    { name: 'TypeError', message: 'strings["en"].consent.retention must be a function like the locale\'s (it takes the same arguments), got string' },
  );
});

test('a string where the locale has a group of strings is refused, naming the key', () => {
  assert.throws(() => mergeStrings(en, { consent: 'Read this' } as never), {
    name: 'TypeError',
    message: "strings.consent must be an object of strings like the locale's, got string",
  });
});
