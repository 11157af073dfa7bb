/**
 * README's "Verification order" is generated from the pipeline itself (`PIPELINES` in
 * src/server/pipeline.ts), so the order is written down once. `npm run docs` rewrites each mode's
 * list between its `<!-- pipeline:MODE -->` markers; a unit test fails when README and code disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PIPELINES, type Check } from '../src/server/pipeline.js';
import type { VerificationMode } from '../src/shared/manifest.js';

export const README = fileURLToPath(new URL('../README.md', import.meta.url));
const markers = (mode: VerificationMode) => ({ start: `<!-- pipeline:${mode} -->`, end: `<!-- /pipeline:${mode} -->` });

/** The Markdown list of `checks`, one numbered line each, with its phase and codes. */
export function pipelineMarkdown(checks: readonly Check[]): string {
  return checks
    .map((c, i) => `${i + 1}. **${c.id}** (${c.phase === 'attestation' ? 'before the sealed part is read' : 'sealed part'}): ${c.summary}. ${c.codes.map((code) => `\`${code}\``).join(', ')}`)
    .join('\n');
}

/** The list of `mode` currently between its markers in `text`. */
export function documentedPipeline(text: string, mode: VerificationMode = 'clip'): string {
  const m = markers(mode);
  const start = text.indexOf(m.start);
  const end = text.indexOf(m.end);
  if (start < 0 || end < start) throw new Error(`README.md: the ${m.start} … ${m.end} markers are missing`);
  return text.slice(start + m.start.length, end).trim();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let text = readFileSync(README, 'utf8');
  for (const mode of Object.keys(PIPELINES) as VerificationMode[]) {
    const m = markers(mode);
    const start = text.indexOf(m.start) + m.start.length;
    const end = text.indexOf(m.end);
    if (start < m.start.length || end < start) throw new Error(`README.md: the ${m.start} … ${m.end} markers are missing`);
    text = `${text.slice(0, start)}\n${pipelineMarkdown(PIPELINES[mode])}\n${text.slice(end)}`;
  }
  writeFileSync(README, text);
  console.log(`README.md: verification order written for ${Object.keys(PIPELINES).join(', ')}`);
}
