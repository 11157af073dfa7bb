/**
 * The widget's session request carries its requested languages, so the server can pick the notice
 * in the person's language (README "Formats", Session).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { requestSession } from '../../../src/transport/session-client.js';
import { validManifest } from '../../fixtures/manifest.js';

const bodies: unknown[] = [];
let server: Server;
let url = '';

before(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({
        v: 2, session: 'a.b.c', sessionId: 's1', mode: 'clip', manifest: validManifest(),
        challengeUrl: '/c', submitUrl: '/s', liveness: { reducedPath: false },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/session`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('the session request body is { languages } in the order given', async () => {
  bodies.length = 0;
  await requestSession({ url, languages: ['vi', 'vi-VN', 'en-US'], timeoutMs: 5000 });
  assert.deepEqual(bodies, [{ languages: ['vi', 'vi-VN', 'en-US'] }]);
});

test('without languages the body is { languages: [] }', async () => {
  bodies.length = 0;
  await requestSession({ url, timeoutMs: 5000 });
  assert.deepEqual(bodies, [{ languages: [] }]);
});
