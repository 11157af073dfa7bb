#!/usr/bin/env node
// Bytes a page downloads before consent versus after, from the built dist/ (run `npm run build`
// first; index.js, the bundler entry, is not counted). Gzip level 9, as a host's server would typically send them. Prints the ratio in one run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const files = readdirSync(dist, { recursive: true })
  .map(String)
  .filter((f) => statSync(join(dist, f)).isFile() && !f.endsWith('.map') && !f.startsWith('node/') && !f.startsWith('types/') && f !== 'index.js');

// Before consent: the loader and the static import graph of define.js. Everything the element
// import()s lazily (vision, worker, wasm, model, sealing) is "after".
const before = new Set(['face-verify.js']);
const queue = ['define.js'];
while (queue.length) {
  const file = queue.shift();
  if (before.has(file)) continue;
  before.add(file);
  const source = readFileSync(join(dist, file), 'utf8');
  for (const [, dep] of source.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g)) queue.push(dep);
}

const size = (f) => {
  const bytes = readFileSync(join(dist, f));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const sum = (list) => list.reduce((a, f) => ({ raw: a.raw + size(f).raw, gzip: a.gzip + size(f).gzip }), { raw: 0, gzip: 0 });
const beforeFiles = files.filter((f) => before.has(f));
const afterFiles = files.filter((f) => !before.has(f));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const f of [...beforeFiles, ...afterFiles]) {
  const s = size(f);
  console.log(`${before.has(f) ? 'before' : 'after '}  ${f.padEnd(50)} ${kb(s.raw).padStart(11)} ${kb(s.gzip).padStart(11)} gz`);
}
const b = sum(beforeFiles);
const a = sum(afterFiles);
console.log(`\nbefore consent: ${kb(b.gzip)} gz (${kb(b.raw)})`);
console.log(`after consent:  ${kb(a.gzip)} gz (${kb(a.raw)}) more`);
console.log(`ratio after/before: ${(a.gzip / b.gzip).toFixed(0)}x`);
