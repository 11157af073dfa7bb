/**
 * Every shipped locale is complete (every key of en, deep, of the same kind), and no template shows
 * a word that does not come from the translation.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { en } from '../../../src/element/i18n/en.js';
import { chooseLocale, registeredLocales } from '../../../src/element/i18n/registry.js';

type Node = Record<string, unknown>;

/** Sample arguments: every function key takes numbers or strings; en tells which set it accepts. */
const SAMPLES: readonly unknown[][] = [[2, 3, 4, 5, 6], ['Sample', 'Sample', 'Sample', 'Sample', 'Sample']];

/** The first sample set `fn` accepts and returns a non-empty string for, or null. */
function callable(fn: (...args: unknown[]) => unknown): number | null {
  for (const [i, args] of SAMPLES.entries()) {
    try {
      const out = fn(...args);
      if (typeof out === 'string' && out.trim() !== '') return i;
    } catch {
      // Not this kind of argument: try the next sample set.
    }
  }
  return null;
}

/** Each difference between `reference` and `other`, as `path: problem`. */
export function compareShape(reference: unknown, other: unknown, path = ''): string[] {
  if (typeof reference === 'string') {
    return typeof other === 'string' && other.trim() !== '' ? [] : [`${path}: expected a non-empty string, got ${typeof other}`];
  }
  if (typeof reference === 'function') {
    if (typeof other !== 'function') return [`${path}: expected a function, got ${typeof other}`];
    const sample = callable(reference as (...args: unknown[]) => unknown);
    if (sample === null) return [];
    try {
      const out = (other as (...args: unknown[]) => unknown)(...SAMPLES[sample]!);
      return typeof out === 'string' && out.trim() !== '' ? [] : [`${path}: returns ${JSON.stringify(out)} for ${JSON.stringify(SAMPLES[sample])}`];
    } catch (e) {
      return [`${path}: throws ${(e as Error).message} for ${JSON.stringify(SAMPLES[sample])}`];
    }
  }
  if (reference !== null && typeof reference === 'object') {
    if (other === null || typeof other !== 'object') return [`${path}: expected an object, got ${other === null ? 'null' : typeof other}`];
    return Object.entries(reference as Node).flatMap(([key, value]) =>
      value === undefined ? [] : compareShape(value, (other as Node)[key], path ? `${path}.${key}` : key),
    );
  }
  return [];
}

test('compareShape reports a missing key, a string where a function belongs, and an empty result', () => {
  const reference = { a: 'x', b: { c: (n: number) => `${n}` }, d: (n: number) => `${n}` };
  assert.deepEqual(compareShape(reference, { a: 'y', b: {}, d: 'z' }), ['b.c: expected a function, got undefined', 'd: expected a function, got string']);
  assert.deepEqual(compareShape(reference, { a: '', b: { c: () => '' }, d: (n: number) => `${n}` }), [
    'a: expected a non-empty string, got string',
    'b.c: returns "" for [2,3,4,5,6]',
  ]);
});

test('the ten shipped locales are registered', () => {
  assert.deepEqual([...registeredLocales()].sort(), ['ar', 'de', 'en', 'es', 'fr', 'hi', 'id', 'pt-BR', 'vi', 'zh-CN']);
});

for (const tag of registeredLocales()) {
  test(`${tag} has every key of en, deep, of the same kind, and its functions return text`, () => {
    const { translation } = chooseLocale([tag]);
    assert.deepEqual(compareShape(en, translation), []);
  });
}

const templatesDir = new URL('../../../src/element/templates/', import.meta.url);
const templateFiles = [
  ...readdirSync(templatesDir).filter((f) => f.endsWith('.ts')).map((f) => join(templatesDir.pathname, f)),
  new URL('../../../src/element/face-verify.ts', import.meta.url).pathname,
];

/**
 * The static text of every html`…` literal in `source`, nested ones included, with each ${…}
 * expression blanked out (a small scanner: template literals, their expressions, quoted strings).
 */
export function htmlLiterals(source: string): string[] {
  const out: string[] = [];
  let scanned = 0;
  // Reads a template literal from just after its opening backtick; returns the index after its closing one.
  const template = (i: number, tagged: boolean): number => {
    let text = '';
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        i = expression(i + 2);
        // A placeholder, not a space: an attribute's value must stay a value (aria-label=${…} is fine).
        text += '\u0000';
      } else {
        text += source[i++];
      }
    }
    if (tagged) out.push(text);
    return i + 1;
  };
  // Reads an expression from just after `${`; returns the index after its closing brace.
  const expression = (i: number): number => {
    let depth = 1;
    while (i < source.length) {
      const c = source[i]!;
      if (c === '`') i = template(i + 1, /html\s*$/.test(source.slice(Math.max(0, i - 8), i)));
      else if (c === '"' || c === "'") {
        i++;
        while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
        i++;
      } else {
        if (c === '{') depth++;
        else if (c === '}' && --depth === 0) return i + 1;
        i++;
      }
    }
    return i;
  };
  for (const m of source.matchAll(/html`/g)) {
    // Literals nested in an expression were read with their parent.
    if (m.index! < scanned) continue;
    scanned = template(m.index! + m[0].length, true);
  }
  return out;
}

/** Words a person would read: text between tags, and the values of attributes that are read aloud or shown. */
export function visibleWords(markup: string): string[] {
  const withoutComments = markup.replace(/<!--[\s\S]*?-->/g, ' ');
  const texts = [...withoutComments.matchAll(/>([^<]*)</g)].map((m) => m[1]!);
  const attributes = [...withoutComments.matchAll(/\b(?:aria-label|title|placeholder|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
  return [...texts, ...attributes].flatMap((s) => s.match(/\p{L}{2,}/gu) ?? []);
}

test('visibleWords finds a word in text and in aria-label, and ignores expressions and comments', () => {
  const [literal] = htmlLiterals('html`<p>${t.a}</p><button aria-label="Close" title=${t.b}>Camera ${i + 1}</button><!-- a note -->`');
  assert.deepEqual(visibleWords(literal!), ['Camera', 'Close']);
});

for (const file of templateFiles) {
  test(`${file.split('/src/')[1]} shows no hard-coded word: all visible text comes from the translation`, () => {
    const words = htmlLiterals(readFileSync(file, 'utf8')).flatMap(visibleWords);
    assert.deepEqual(words, []);
  });
}
