/** README's verification order and the pipeline the server runs are the same list, for each mode. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SERVER_ERROR_CODES } from '../../../src/shared/errors.js';
import type { VerificationMode } from '../../../src/shared/manifest.js';
import { PIPELINES } from '../../../src/server/pipeline.js';
import { documentedPipeline, pipelineMarkdown, README } from '../../../scripts/pipeline-doc.js';

const modes = Object.keys(PIPELINES) as VerificationMode[];

test("README's verification order is exactly PIPELINES for clip and embedding (run `npm run docs` after changing the pipeline)", () => {
  assert.deepEqual(modes, ['clip', 'embedding']);
  for (const mode of modes) assert.equal(documentedPipeline(readFileSync(README, 'utf8'), mode), pipelineMarkdown(PIPELINES[mode]), mode);
});

test('each pipeline opens the sealed part only after every attestation-phase check, and stores last', () => {
  for (const mode of modes) {
    const checks = PIPELINES[mode];
    const phases = checks.map((c) => c.phase);
    assert.equal(phases.lastIndexOf('attestation') < phases.indexOf('sealed'), true, mode);
    assert.equal(checks.at(-1)!.id, 'store', mode);
    assert.ok(checks.findIndex((c) => c.id === 'single-use') > checks.findIndex((c) => c.id === 'claims'),
      `${mode}: an identical retry is answered only after the challenge and its binding checked out`);
    assert.ok(checks.findIndex((c) => c.id === 'liveness') < checks.findIndex((c) => c.id === 'store'), `${mode}: nothing is stored before the liveness re-check`);
  }
});

test('every code a pipeline names is a documented server code', () => {
  for (const mode of modes) {
    for (const check of PIPELINES[mode]) {
      for (const code of check.codes) assert.ok((SERVER_ERROR_CODES as readonly string[]).includes(code), `${mode} ${check.id}: ${code}`);
    }
  }
});
