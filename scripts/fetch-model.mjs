#!/usr/bin/env node
// Puts the face landmarker model, checked against its pinned SHA-256, at .cache/models/.
// Order: an existing verified copy; ../shared/models (the fixture folder beside the repo, or
// FACE_VERIFY_MODEL_DIR); only then the official URL, which needs internet. A wrong hash is
// always fatal: a model that is not the pinned one is never used.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// Read the pinned values from the one place the widget also reads them.
const versionSource = readFileSync(join(root, 'src/shared/version.ts'), 'utf8');
const pick = (key) => versionSource.match(new RegExp(`${key}:\\s*'([^']+)'`))?.[1];
const MODEL = { file: pick('file'), sha256: pick('sha256'), url: pick('officialUrl') };
if (!MODEL.file || !MODEL.sha256 || !MODEL.url) {
  console.error('fetch-model: could not read FACE_LANDMARKER_MODEL from src/shared/version.ts');
  process.exit(1);
}

const target = join(root, '.cache/models', MODEL.file);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function verified(path) {
  if (!existsSync(path)) return null;
  const bytes = readFileSync(path);
  const actual = sha256(bytes);
  if (actual !== MODEL.sha256) {
    console.error(`fetch-model: ${path} has SHA-256 ${actual}, expected ${MODEL.sha256}; ignoring it.`);
    return null;
  }
  return bytes;
}

function install(bytes, from) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, bytes);
  renameSync(`${target}.tmp`, target);
  console.log(`fetch-model: ${MODEL.file} (${bytes.length} bytes, sha256 ok) from ${from}`);
}

if (verified(target)) {
  console.log(`fetch-model: ${target} present, sha256 ok`);
  process.exit(0);
}

const localDirs = [process.env.FACE_VERIFY_MODEL_DIR, join(root, '../shared/models')].filter(Boolean);
for (const dir of localDirs) {
  const bytes = verified(join(dir, MODEL.file));
  if (bytes) {
    install(bytes, dir);
    process.exit(0);
  }
}

console.log(`fetch-model: no local copy in ${localDirs.join(', ')}; downloading ${MODEL.url}`);
try {
  const response = await fetch(MODEL.url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = sha256(bytes);
  if (actual !== MODEL.sha256) {
    throw new Error(`downloaded file has SHA-256 ${actual}, expected ${MODEL.sha256}`);
  }
  install(bytes, MODEL.url);
} catch (error) {
  console.error(
    `fetch-model: could not get ${MODEL.file}: ${error.message}.\n` +
      `Put the official file (sha256 ${MODEL.sha256}) in ../shared/models/ or set FACE_VERIFY_MODEL_DIR.`,
  );
  process.exit(1);
}
