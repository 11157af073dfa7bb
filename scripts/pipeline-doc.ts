/**
 * README's "Verification order" is generated from the pipeline itself (`PIPELINES` in
 * src/server/pipeline.ts), so the order is written down once. `npm run docs` rewrites the list
 * between the `<!-- pipeline:clip -->` markers; a unit test fails when README and code disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PIPELINES, type Check } from '../src/server/pipeline.js';

export const README = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- pipeline:clip -->';
const END = '<!-- /pipeline:clip -->';

/** The Markdown list of `checks`, one numbered line each, with its phase and codes. */
export function pipelineMarkdown(checks: readonly Check[]): string {
  return checks
    .map((c, i) => `${i + 1}. **${c.id}** (${c.phase === 'attestation' ? 'before the sealed part is read' : 'sealed part'}): ${c.summary}. ${c.codes.map((code) => `\`${code}\``).join(', ')}`)
    .join('\n');
}

/** The list currently between the markers in `text`. */
export function documentedPipeline(text: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md: the ${START} … ${END} markers are missing`);
  return text.slice(start + START.length, end).trim();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(START) + START.length;
  const end = text.indexOf(END);
  writeFileSync(README, `${text.slice(0, start)}\n${pipelineMarkdown(PIPELINES.clip)}\n${text.slice(end)}`);
  console.log('README.md: verification order written from PIPELINES.clip');
}
