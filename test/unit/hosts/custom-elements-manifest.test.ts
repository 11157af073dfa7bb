/**
 * The custom-elements.json that `npm run build` ships: the analyzer runs here with the project's own
 * config (custom-elements-manifest.config.mjs), into .cache, so this needs no build. The expected names
 * are written out: they are the public API a host's tooling (IDEs, Storybook, framework bindings) sees.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const outdir = '.cache/custom-elements-manifest-test';
const cli = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');

interface Named {
  name: string;
  description?: string;
  fieldName?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  members?: (Named & { privacy?: string })[];
  events?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string; declaration: { name: string; module: string } }[] }[];
}

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { customElements?: string; scripts: Record<string, string> };
execFileSync(process.execPath, [cli, 'analyze', '--quiet', '--outdir', outdir], { cwd: root, stdio: 'pipe' });
const manifest = JSON.parse(readFileSync(join(root, outdir, 'custom-elements.json'), 'utf8')) as Manifest;
const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'face-verify');
const names = (list: Named[] | undefined): string[] => (list ?? []).map((x) => x.name);

test('package.json points tooling at dist/custom-elements.json and the build writes it there', () => {
  assert.equal(packageJson.customElements, 'dist/custom-elements.json');
  // After vite (which empties dist/) or the manifest would be deleted again.
  assert.match(packageJson.scripts['build']!, /vite build .*&& cem analyze/);
});

test('the manifest declares <face-verify> as a custom element, exported by dist/index.js and defined by dist/define.js', () => {
  assert.ok(element, 'no declaration with tagName face-verify');
  assert.equal(element.name, 'FaceVerify');
  assert.equal(element.customElement, true);
  const index = manifest.modules.find((m) => m.path === 'dist/index.js');
  assert.deepEqual(index?.exports?.map((e) => [e.kind, e.name, e.declaration.module]), [['js', 'FaceVerify', 'dist/index.js']]);
  const define = manifest.modules.find((m) => m.path === 'dist/define.js');
  assert.deepEqual(
    define?.exports?.find((e) => e.kind === 'custom-element-definition'),
    { kind: 'custom-element-definition', name: 'face-verify', declaration: { name: 'FaceVerify', module: 'dist/index.js' } },
  );
});

test('no module path in the manifest points into src/, which the package does not ship', () => {
  const text = JSON.stringify(manifest.modules.map((m) => [m.path, m.exports]));
  assert.doesNotMatch(text, /src\//);
});

test('the attributes a host sets are listed with their properties, and internal state is not', () => {
  const attributes = Object.fromEntries((element?.attributes ?? []).map((a) => [a.name, a.fieldName]));
  for (const [attribute, field] of [['session-url', 'sessionUrl'], ['assets-base', 'assetsBase'], ['delegate', 'delegate'], ['max-attempts', 'maxAttempts']]) {
    assert.equal(attributes[attribute!], field, `attribute ${attribute}`);
  }
  for (const internal of ['agreed', 'cameras', 'cameraId']) {
    assert.ok(!(internal in attributes), `${internal} is lit state, not an attribute`);
    assert.ok(!names(element?.members).includes(internal), `${internal} is private`);
  }
  assert.ok(element?.attributes?.find((a) => a.name === 'session-url')?.description?.includes('Required'));
});

test('the properties set from JavaScript (no attribute) are public members', () => {
  const members = names(element?.members);
  for (const property of ['manifest', 'requestHeaders', 'timeouts', 'translation', 'step', 'metrics']) assert.ok(members.includes(property), property);
});

test('every face-verify-* event from @fires is listed, each with a description', () => {
  const events = names(element?.events).sort();
  assert.deepEqual(events, [
    'face-verify-consent', 'face-verify-declined', 'face-verify-delivery', 'face-verify-error',
    'face-verify-liveness', 'face-verify-step', 'face-verify-submitted',
  ]);
  for (const e of element?.events ?? []) assert.ok((e.description ?? '').length > 10, `${e.name} has no description`);
});

test('each @csspart and @cssprop is its own entry (a second tag on the same line would hide inside a description)', () => {
  for (const entry of [...(element?.cssParts ?? []), ...(element?.cssProperties ?? [])]) {
    assert.doesNotMatch(entry.description ?? '', /@css(part|prop)/, `${entry.name}'s description swallowed another tag`);
    assert.ok((entry.description ?? '').length > 0, `${entry.name} has no description`);
  }
  const parts = names(element?.cssParts);
  for (const part of ['container', 'consent', 'button', 'primary-button', 'viewfinder', 'oval', 'prompt', 'review-video', 'receipt-id', 'erase-link', 'error']) {
    assert.ok(parts.includes(part), `part ${part}`);
  }
  const props = names(element?.cssProperties);
  for (const prop of ['--face-verify-background', '--face-verify-foreground', '--face-verify-accent', '--face-verify-oval', '--face-verify-oval-ok', '--face-verify-radius', '--face-verify-font']) {
    assert.ok(props.includes(prop), `custom property ${prop}`);
  }
});

test('every part a template renders is documented in the manifest', () => {
  const elementDir = join(root, 'src/element');
  const rendered = new Set<string>();
  for (const file of readdirSync(elementDir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
    for (const [, list] of readFileSync(join(elementDir, file), 'utf8').matchAll(/\bpart="([^"$]+)"/g)) for (const p of list!.split(/\s+/)) rendered.add(p);
  }
  assert.ok(rendered.size > 20, `found only ${rendered.size} parts: did the templates move?`);
  const documented = new Set(names(element?.cssParts));
  assert.deepEqual([...rendered].filter((p) => !documented.has(p)).sort(), [], 'add a @csspart line to the JSDoc of src/element/face-verify.ts');
});
