/** Numbers and dates follow the chosen locale, not the default locale of the browser or of Node. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../../../src/element/i18n/en.js';
import { formatDate, numberFormatter } from '../../../src/element/i18n/format.js';
import { hi } from '../../../src/element/i18n/locales/hi.js';
import { id } from '../../../src/element/i18n/locales/id.js';
import { zhCN } from '../../../src/element/i18n/locales/zh-CN.js';

test('numberFormatter groups digits as the locale does: en 1,500, de 1.500, hi 1,50,000', () => {
  assert.equal(numberFormatter('en')(1500), '1,500');
  assert.equal(numberFormatter('de')(1500), '1.500');
  assert.equal(numberFormatter('hi')(150000), '1,50,000');
});

test('formatDate writes the month in words in the given locale', () => {
  // Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
  assert.equal(formatDate('en', '2026-12-05T12:00:00Z'), 'December 5, 2026');
  assert.equal(formatDate('de', '2026-12-05T12:00:00Z'), '5. Dezember 2026');
});

test('en, id, zh-CN and hi format the numbers they insert', () => {
  assert.equal(en.done.sentValue(1500), 'a sealed video with its summary (1,500 KB)');
  assert.equal(id.done.sentValue(1500), 'video terenkripsi beserta ringkasannya (1.500 KB)');
  assert.equal(zhCN.consent.retention(1500), '保存1,500天');
  assert.equal(hi.done.sentValue(150000), 'एक एन्क्रिप्ट किया हुआ वीडियो, उसके सारांश के साथ (1,50,000 KB)');
});

test('en chooses singular and plural through PluralRules', () => {
  assert.equal(en.consent.retention(1), 'Kept for 1 day');
  assert.equal(en.consent.retention(30), 'Kept for 30 days');
  assert.equal(en.liveness.attemptsLeft(1), 'One more try.');
  assert.equal(en.liveness.attemptsLeft(2), '2 more tries.');
});
