#!/usr/bin/env node
// Puts the face landmarker model, checked against its pinned SHA-256, at .cache/models/.
// Order: an existing verified copy; ../shared/models (the fixture folder beside the repo, or
// FACE_VERIFY_MODEL_DIR); only then the official URL, which needs internet. A wrong hash is
// always fatal: a model that is not the pinned one is never used.
// Then the face descriptor's two weight files (embedding mode), from the installed
// @vladmandic/face-api package, checked against their pins the same way.
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

function copyDescriptorWeights() {
  const block = versionSource.slice(versionSource.indexOf('FACE_DESCRIPTOR_MODEL'));
  const pin = (key) => block.match(new RegExp(`${key}:\\s*\\{\\s*file:\\s*'([^']+)',\\s*sha256:\\s*'([0-9a-f]{64})'`));
  const pkg = block.match(/package:\s*'([^']+)'/)?.[1];
  const files = [pin('manifest'), pin('weights')];
  if (!pkg || files.some((f) => !f)) {
    console.error('fetch-model: could not read FACE_DESCRIPTOR_MODEL from src/shared/version.ts');
    process.exit(1);
  }
  for (const [, file, pinned] of files) {
    const from = join(root, 'node_modules', pkg, 'model', file);
    const to = join(root, '.cache/models', file);
    if (existsSync(to) && sha256(readFileSync(to)) === pinned) continue;
    if (!existsSync(from)) {
      console.error(`fetch-model: ${from} is missing; run \`npm install\` (it comes with the ${pkg} dev dependency).`);
      process.exit(1);
    }
    const bytes = readFileSync(from);
    if (sha256(bytes) !== pinned) {
      console.error(`fetch-model: ${from} has SHA-256 ${sha256(bytes)}, expected ${pinned}; refusing it (is ${pkg} the pinned version?).`);
      process.exit(1);
    }
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(`${to}.tmp`, bytes);
    renameSync(`${to}.tmp`, to);
    console.log(`fetch-model: ${file} (${bytes.length} bytes, sha256 ok) from ${pkg}`);
  }
}

function install(bytes, from) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(`${target}.tmp`, bytes);
  renameSync(`${target}.tmp`, target);
  console.log(`fetch-model: ${MODEL.file} (${bytes.length} bytes, sha256 ok) from ${from}`);
}

copyDescriptorWeights();

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
