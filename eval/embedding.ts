/**
 * `npm run eval:embedding` — how well the embedding mode's face templates tell people apart.
 *
 * Runs the widget's real pipeline in headless Debian Chromium (the landmarker worker cuts the
 * aligned chip, the descriptor worker runs dlib's ResNet on tfjs wasm) over labelled photos, then,
 * in Node, compares every pair of unit templates: same-person and different-person distance
 * distributions, and the false matches (different people at or under the threshold) and false
 * non-matches (one person over it) at the shipped threshold, with the margins on both sides and the
 * closest pairs named.
 *
 * Photo sets: ../shared/media/photos (file names `<person>_<n>.<ext>`) and
 * ../shared/media/photos-eval (labels.csv: `file,identity`). `--photos DIR` runs a folder of your
 * own with a labels.csv instead (repeatable). Options: --threshold D (default: the shipped one),
 * --json OUT, --closest N (pairs listed per side, default 8). Exit code 0 unless the harness broke.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { distance, unitVector } from '../src/embedding/template.js';
import { DEFAULT_MATCH_THRESHOLD } from '../src/shared/match-threshold.js';
import type { PhotoResult } from './embedding-page.js';
import { median, SHARED_MEDIA as SHARED, withEmbeddingPage } from './embedding-harness.js';


const { values } = parseArgs({
  options: {
    photos: { type: 'string', multiple: true },
    threshold: { type: 'string' },
    json: { type: 'string' },
    closest: { type: 'string', default: '8' },
  },
});
const threshold = values.threshold ? Number(values.threshold) : DEFAULT_MATCH_THRESHOLD;
const closest = Number(values.closest);

interface Photo { set: string; file: string; path: string; identity: string }

function labelled(dir: string, set: string): Photo[] {
  const labels = join(dir, 'labels.csv');
  if (!existsSync(labels)) throw new Error(`${dir}: no labels.csv (file,identity)`);
  return readFileSync(labels, 'utf8').trim().split(/\r?\n/).slice(1).filter(Boolean).map((line) => {
    const [file, identity] = line.split(',').map((s) => s.trim());
    if (!file || !identity) throw new Error(`${labels}: bad line "${line}"`);
    return { set, file, path: join(dir, file), identity };
  });
}

function byName(dir: string, set: string): Photo[] {
  return readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort().map((file) => ({ set, file, path: join(dir, file), identity: file.replace(/_\d+\.\w+$/, '') }));
}

const photos: Photo[] = values.photos?.length
  ? values.photos.flatMap((d) => labelled(resolve(d), basename(resolve(d))))
  : [...byName(join(SHARED, 'photos'), 'photos'), ...labelled(join(SHARED, 'photos-eval'), 'photos-eval')];
for (const p of photos) if (!existsSync(p.path)) throw new Error(`missing photo ${p.path}`);

// ---- describe every photo in the page --------------------------------------------------------
const { results, info } = await withEmbeddingPage((i) => photos[i]?.path, (page, mediaUrl) => page.evaluate(
  (urls) => (window as unknown as { fvEval: { describe(u: string[]): Promise<{ results: PhotoResult[]; info: unknown }> } }).fvEval.describe(urls),
  photos.map((_, i) => mediaUrl(i)),
));

// ---- distances ------------------------------------------------------------------------------------
const rows = photos.map((p, i) => ({ ...p, result: results[i]! })).filter((r) => r.result.descriptor);
const skipped = photos.filter((_, i) => !results[i]!.descriptor);
const units = rows.map((r) => unitVector(r.result.descriptor!)!);
interface Pair { a: string; b: string; same: boolean; d: number }
const pairs: Pair[] = [];
for (let i = 0; i < rows.length; i++) {
  for (let j = i + 1; j < rows.length; j++) {
    pairs.push({ a: rows[i]!.file, b: rows[j]!.file, same: rows[i]!.identity === rows[j]!.identity, d: distance(units[i]!, units[j]!) });
  }
}
const same = pairs.filter((p) => p.same).sort((x, y) => y.d - x.d);
const different = pairs.filter((p) => !p.same).sort((x, y) => x.d - y.d);
const stats = (ps: Pair[]) => {
  const d = ps.map((p) => p.d).sort((x, y) => x - y);
  const at = (q: number) => d[Math.min(d.length - 1, Math.floor(q * d.length))] ?? NaN;
  return { n: d.length, min: d[0] ?? NaN, p5: at(0.05), median: at(0.5), p95: at(0.95), max: d.at(-1) ?? NaN };
};
const falseNonMatches = same.filter((p) => p.d > threshold);
const falseMatches = different.filter((p) => p.d <= threshold);
const f = (x: number) => x.toFixed(3);
const show = (s: ReturnType<typeof stats>) => `n ${s.n}, min ${f(s.min)}, 5 % ${f(s.p5)}, median ${f(s.median)}, 95 % ${f(s.p95)}, max ${f(s.max)}`;

console.log(`\nface templates: ${rows.length} photos of ${new Set(rows.map((r) => r.identity)).size} people (${skipped.length} without a single face found: ${skipped.map((s) => s.file).join(', ') || 'none'})`);
console.log(`worker: ${JSON.stringify(info)}; descriptor median ${f(median(rows.map((r) => r.result.ms!)))} ms per photo`);
console.log(`distance between unit templates (Euclidean, 0…2):`);
console.log(`  same person:      ${show(stats(same))}`);
console.log(`  different people: ${show(stats(different))}`);
console.log(`threshold ${threshold}: false non-matches ${falseNonMatches.length}/${same.length}, false matches ${falseMatches.length}/${different.length}`);
console.log(`  margin: farthest same-person pair ${f(same[0]?.d ?? NaN)} (${f(threshold - (same[0]?.d ?? NaN))} under), nearest different-people pair ${f(different[0]?.d ?? NaN)} (${f((different[0]?.d ?? NaN) - threshold)} over)`);
console.log(`  the ${closest} farthest same-person pairs:`);
for (const p of same.slice(0, closest)) console.log(`    ${f(p.d)}  ${p.a} – ${p.b}${p.d > threshold ? '  NOT MATCHED' : ''}`);
console.log(`  the ${closest} nearest different-people pairs:`);
for (const p of different.slice(0, closest)) console.log(`    ${f(p.d)}  ${p.a} – ${p.b}${p.d <= threshold ? '  MATCHED' : ''}`);

if (values.json) {
  await writeFile(values.json, JSON.stringify({ threshold, photos: rows.length, skipped: skipped.map((s) => s.file), same: stats(same), different: stats(different), falseMatches, falseNonMatches, closestSame: same.slice(0, closest), closestDifferent: different.slice(0, closest), info }, null, 2));
}
