/**
 * BCP 47 locale matching, shared by the widget (which translation to show) and the server (which
 * consent notice to send). Pure: no DOM, no I/O; `Intl.Locale` gives the likely script and region
 * (CLDR likely subtags), so "zh-SG" is known to be Simplified Chinese and "pt" Brazilian Portuguese.
 */

/** Longest list of requested languages considered; more says nothing a person would mean. */
export const MAX_REQUESTED_LANGUAGES = 16;
/** Longest language tag considered (BCP 47 tags in practice stay far below). */
export const MAX_LANGUAGE_TAG_LENGTH = 64;

interface Parsed {
  /** The tag as given, lower-cased, `_` read as `-`: for exact comparison. */
  tag: string;
  language: string;
  script: string;
  region: string;
}

function parse(tag: string): Parsed | null {
  if (typeof tag !== 'string' || tag.length === 0 || tag.length > MAX_LANGUAGE_TAG_LENGTH) return null;
  const normal = tag.replace(/_/g, '-');
  // "und" and "*" name no language: maximizing "und" would invent English.
  if (/^(und|\*)(-|$)/i.test(normal)) return null;
  try {
    const max = new Intl.Locale(normal).maximize();
    return { tag: normal.toLowerCase(), language: max.language, script: max.script ?? '', region: max.region ?? '' };
  } catch {
    return null;
  }
}

/**
 * The best of `available` for a person who asked for `requested` (most preferred first), or null
 * when none is close enough. Per requested tag, in order: the exact tag (case-insensitive), then an
 * available tag of the same language and script (so "pt" and "pt-PT" find "pt-BR"; "zh", "zh-Hans"
 * and "zh-SG" find "zh-CN"), the same region first, then the language's likely region. Only when
 * no requested tag has such a match: the same language in another script ("zh-TW" finds "zh-CN"),
 * because a person who also listed a language they read fully is better served by it.
 * Invalid tags on either side are skipped.
 */
export function matchLocale(requested: readonly string[], available: readonly string[]): string | null {
  const offered = available.map((tag) => ({ tag, parsed: parse(tag) })).filter((a): a is { tag: string; parsed: Parsed } => a.parsed !== null);
  const wanted = requested.slice(0, MAX_REQUESTED_LANGUAGES).map(parse).filter((p): p is Parsed => p !== null);
  for (const w of wanted) {
    const exact = offered.find((a) => a.parsed.tag === w.tag);
    if (exact) return exact.tag;
    const sameScript = offered.filter((a) => a.parsed.language === w.language && a.parsed.script === w.script);
    const best = sameScript.find((a) => a.parsed.region === w.region) ?? sameScript.find((a) => a.parsed.region === likelyRegion(w.language, w.script)) ?? sameScript[0];
    if (best) return best.tag;
  }
  for (const w of wanted) {
    const sameLanguage = offered.find((a) => a.parsed.language === w.language);
    if (sameLanguage) return sameLanguage.tag;
  }
  return null;
}

/** The region CLDR assumes for a language written in a script ("pt" → BR, "zh-Hans" → CN). */
function likelyRegion(language: string, script: string): string {
  try {
    return new Intl.Locale(language, script ? { script } : {}).maximize().region ?? '';
  } catch {
    return '';
  }
}

/**
 * A list of requested languages from an untrusted source (a request body): the strings of an
 * array, at most {@link MAX_REQUESTED_LANGUAGES}, each a plausible tag; anything else is dropped.
 * Returns null when `value` is not an array at all (the caller names the argument).
 */
export function requestedLanguages(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return value
    .filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_LANGUAGE_TAG_LENGTH)
    .slice(0, MAX_REQUESTED_LANGUAGES);
}
