import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchLocale, requestedLanguages } from '../../../src/shared/locale-match.js';

/** The widget's shipped locales, as the registry lists them. */
const SHIPPED = ['en', 'de', 'fr', 'es', 'pt-BR', 'vi', 'id', 'hi', 'zh-CN', 'ar'];

test('an exact tag wins, compared case-insensitively and with _ read as -', () => {
  assert.equal(matchLocale(['vi'], SHIPPED), 'vi');
  assert.equal(matchLocale(['PT-br'], SHIPPED), 'pt-BR');
  assert.equal(matchLocale(['zh_CN'], SHIPPED), 'zh-CN');
});

test('a region the list lacks falls back to the same language: vi-VN → vi, es-MX → es, ar-EG → ar, de-AT → de', () => {
  assert.equal(matchLocale(['vi-VN'], SHIPPED), 'vi');
  assert.equal(matchLocale(['es-MX'], SHIPPED), 'es');
  assert.equal(matchLocale(['es-419'], SHIPPED), 'es');
  assert.equal(matchLocale(['ar-EG'], SHIPPED), 'ar');
  assert.equal(matchLocale(['de-AT'], SHIPPED), 'de');
});

test('a bare language finds its likely region: pt → pt-BR, zh → zh-CN', () => {
  assert.equal(matchLocale(['pt'], SHIPPED), 'pt-BR');
  assert.equal(matchLocale(['zh'], SHIPPED), 'zh-CN');
});

test('Simplified Chinese in any form finds zh-CN: zh-Hans, zh-SG, zh-Hans-SG', () => {
  assert.equal(matchLocale(['zh-Hans'], SHIPPED), 'zh-CN');
  assert.equal(matchLocale(['zh-SG'], SHIPPED), 'zh-CN');
  assert.equal(matchLocale(['zh-Hans-SG'], SHIPPED), 'zh-CN');
});

test('of two regions of one language, the requested region wins, then the likely one', () => {
  assert.equal(matchLocale(['pt-PT'], ['pt-BR', 'pt-PT']), 'pt-PT');
  assert.equal(matchLocale(['pt'], ['pt-PT', 'pt-BR']), 'pt-BR');
  assert.equal(matchLocale(['pt-AO'], ['pt-PT', 'pt-BR']), 'pt-BR');
  assert.equal(matchLocale(['pt-PT'], SHIPPED), 'pt-BR');
});

test('the requested order is the preference: the first language that matches wins', () => {
  assert.equal(matchLocale(['ja', 'vi', 'fr'], SHIPPED), 'vi');
  assert.equal(matchLocale(['fr-CA', 'en-US'], SHIPPED), 'fr');
});

test('another script of the same language counts only when no requested language matches in its own script', () => {
  // A Traditional Chinese reader who also reads English gets English; one who lists nothing else gets Simplified.
  assert.equal(matchLocale(['zh-TW', 'en'], SHIPPED), 'en');
  assert.equal(matchLocale(['zh-TW'], SHIPPED), 'zh-CN');
  assert.equal(matchLocale(['zh-Hant-HK', 'ja'], SHIPPED), 'zh-CN');
});

test('deprecated codes are read as their replacements: in → id', () => {
  assert.equal(matchLocale(['in'], SHIPPED), 'id');
});

test('nothing close enough is null, so the caller chooses its fallback', () => {
  assert.equal(matchLocale(['ja', 'ko'], SHIPPED), null);
  assert.equal(matchLocale([], SHIPPED), null);
  assert.equal(matchLocale(['vi'], []), null);
});

test('invalid and empty tags, "und" and "*" are skipped rather than matched to English', () => {
  assert.equal(matchLocale(['', 'und', '*', 'not a tag!', 'vi'], SHIPPED), 'vi');
  assert.equal(matchLocale(['und'], SHIPPED), null);
  assert.equal(matchLocale(['x'.repeat(100)], SHIPPED), null);
  assert.equal(matchLocale(['vi'], ['bad tag', 'vi']), 'vi');
});

test('requestedLanguages keeps the strings of an array, at most 16, and says null for a non-array', () => {
  assert.deepEqual(requestedLanguages(['vi', 3, '', 'en', null]), ['vi', 'en']);
  assert.equal(requestedLanguages(undefined), null);
  assert.equal(requestedLanguages('vi'), null);
  assert.equal(requestedLanguages(Array.from({ length: 40 }, () => 'fr'))?.length, 16);
  assert.deepEqual(requestedLanguages(['y'.repeat(65), 'de']), ['de']);
});
