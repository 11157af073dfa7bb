/** README's verification order and the pipeline the server runs are the same list. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SERVER_ERROR_CODES } from '../../../src/shared/errors.js';
import { PIPELINES } from '../../../src/server/pipeline.js';
import { documentedPipeline, pipelineMarkdown, README } from '../../../scripts/pipeline-doc.js';

test("README's verification order is exactly PIPELINES.clip (run `npm run docs` after changing the pipeline)", () => {
  assert.equal(documentedPipeline(readFileSync(README, 'utf8')), pipelineMarkdown(PIPELINES.clip));
});

test('the pipeline opens the sealed part only after every attestation-phase check, and stores last', () => {
  const phases = PIPELINES.clip.map((c) => c.phase);
  assert.equal(phases.lastIndexOf('attestation') < phases.indexOf('sealed'), true);
  assert.equal(PIPELINES.clip.at(-1)!.id, 'store');
  assert.ok(PIPELINES.clip.findIndex((c) => c.id === 'single-use') > PIPELINES.clip.findIndex((c) => c.id === 'claims'),
    'an identical retry is answered only after the challenge and its binding checked out');
});

test('every code the pipeline names is a documented server code', () => {
  for (const check of PIPELINES.clip) {
    for (const code of check.codes) assert.ok((SERVER_ERROR_CODES as readonly string[]).includes(code), `${check.id}: ${code}`);
  }
});
