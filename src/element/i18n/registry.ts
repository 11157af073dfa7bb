/**
 * The locales the element can choose from: the shipped ones, plus any the operator registers.
 * Keyed by BCP 47 tag; the choice uses the shared matcher, as the server does for its notices.
 */
import { matchLocale } from '../../shared/locale-match.js';
import { en } from './en.js';
import { ar } from './locales/ar.js';
import { de } from './locales/de.js';
import { es } from './locales/es.js';
import { fr } from './locales/fr.js';
import { hi } from './locales/hi.js';
import { id } from './locales/id.js';
import { ptBR } from './locales/pt-BR.js';
import { vi } from './locales/vi.js';
import { zhCN } from './locales/zh-CN.js';
import type { Translation } from './translation.js';

const registry = new Map<string, Translation>([
  ['en', en], ['de', de], ['fr', fr], ['es', es], ['pt-BR', ptBR], ['vi', vi], ['id', id], ['hi', hi], ['zh-CN', zhCN], ['ar', ar],
]);

/** Languages written right to left, by primary language subtag. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/**
 * Adds (or replaces) the translation for `tag`, e.g. `registerTranslation('pt-PT', ptPT)`; every
 * element chooses among the registered tags from then on.
 * @throws TypeError when `tag` is not a BCP 47 tag.
 */
export function registerTranslation(tag: string, translation: Translation): void {
  try {
    new Intl.Locale(tag);
  } catch {
    throw new TypeError(`registerTranslation: \`tag\` must be a BCP 47 language tag such as "pt-PT", got ${JSON.stringify(tag)}`);
  }
  registry.set(tag, translation);
}

/** The registered tags, shipped ones first. */
export function registeredLocales(): string[] {
  return [...registry.keys()];
}

/** The chosen locale: its tag, its strings and its writing direction. */
export interface ChosenLocale {
  tag: string;
  translation: Translation;
  dir: 'ltr' | 'rtl';
}

/** The registered locale closest to `requested` (most preferred first), or English. */
export function chooseLocale(requested: readonly string[]): ChosenLocale {
  const tag = matchLocale(requested, registeredLocales()) ?? 'en';
  return { tag, translation: registry.get(tag) ?? en, dir: directionOf(tag) };
}

/** `rtl` for a tag of a right-to-left language (Arabic, Hebrew, Persian, Urdu…). */
export function directionOf(tag: string): 'ltr' | 'rtl' {
  try {
    return RTL.has(new Intl.Locale(tag).language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
