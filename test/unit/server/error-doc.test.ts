/** README's error-code lists are the codes and statuses the code has: a second reader relies on them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SERVER_ERROR_CODES, WIDGET_ERROR_CODES } from '../../../src/shared/errors.js';
import { HTTP_STATUS } from '../../../src/server/http.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Threat model'));

test("README lists every server code with exactly the HTTP status of HTTP_STATUS, and no other", () => {
  const server = section.slice(section.indexOf('Server ('));
  const listed = [...server.matchAll(/`([a-z-]+)` (\d{3})/g)].map((m) => [m[1]!, Number(m[2])] as const);
  assert.deepEqual(new Map(listed), new Map(SERVER_ERROR_CODES.map((c) => [c, HTTP_STATUS[c]] as const)));
});

test('README lists every widget code, and no other', () => {
  const widget = section.slice(section.indexOf('Widget ('), section.indexOf('Server ('));
  const listed = new Set([...widget.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]!).filter((c) => c !== 'face-verify-error'));
  assert.deepEqual(listed, new Set(WIDGET_ERROR_CODES));
});
