/**
 * The operator's template policy (embedding mode): when two templates count as one person, how many
 * stored look-alikes a duplicate search reports, and whether a duplicate is flagged or refused.
 */
import { DEFAULT_MATCH_THRESHOLD } from '../shared/match-threshold.js';
import { isRecord } from '../shared/guards.js';
import { HNSW_EF_SEARCH, MAX_EF_SEARCH, MAX_NEIGHBOURS } from './template-store.js';

/** Options of `templates` in FaceVerifyServer.open. */
export interface TemplateOptions {
  /** Euclidean distance between unit templates at or under which they match (default 0.40; see eval/README.md). */
  matchThreshold?: number;
  /** Most matches a duplicate search reports, nearest first (default 5, at most 40). */
  neighbours?: number;
  /**
   * `'flag'` (default): a submission whose template matches stored ones is stored and enrolled, and
   * the matches are returned for the host to review. `'refuse'`: it is refused with
   * `duplicate-found` and nothing is stored. A match can be a sibling: prefer review.
   */
  duplicates?: 'flag' | 'refuse';
  /**
   * The HNSW search list (pgvector's `hnsw.ef_search`) of every duplicate search, from `neighbours`
   * to 1000 (default 100). Larger misses fewer duplicates among many templates and costs time:
   * among 1M, 40 found the true neighbour 178 times in 200, 100 199 times, 200 every time, at p95
   * 10.6, 20.9 and 32.3 ms (bench/template-search.ts).
   */
  efSearch?: number;
}

export interface ResolvedTemplates {
  matchThreshold: number;
  neighbours: number;
  duplicates: 'flag' | 'refuse';
  efSearch: number;
}

/** Checks and fills in `templates`, pushing problems. */
export function resolveTemplates(value: unknown, problems: string[]): ResolvedTemplates {
  const resolved: ResolvedTemplates = { matchThreshold: DEFAULT_MATCH_THRESHOLD, neighbours: 5, duplicates: 'flag', efSearch: HNSW_EF_SEARCH };
  if (value === undefined) return resolved;
  if (!isRecord(value)) {
    problems.push('templates: must be an object { matchThreshold?, neighbours?, duplicates?, efSearch? }');
    return resolved;
  }
  const { matchThreshold, neighbours, duplicates, efSearch } = value;
  if (matchThreshold !== undefined) {
    if (typeof matchThreshold !== 'number' || !(matchThreshold > 0 && matchThreshold < 2)) problems.push('templates.matchThreshold: must be a number between 0 and 2 (Euclidean distance of unit templates)');
    else resolved.matchThreshold = matchThreshold;
  }
  if (neighbours !== undefined) {
    if (!Number.isInteger(neighbours) || (neighbours as number) < 1 || (neighbours as number) > MAX_NEIGHBOURS) problems.push(`templates.neighbours: must be a whole number from 1 to ${MAX_NEIGHBOURS}`);
    else resolved.neighbours = neighbours as number;
  }
  if (duplicates !== undefined) {
    if (duplicates !== 'flag' && duplicates !== 'refuse') problems.push("templates.duplicates: must be 'flag' or 'refuse'");
    else resolved.duplicates = duplicates;
  }
  if (efSearch !== undefined) {
    if (!Number.isInteger(efSearch) || (efSearch as number) < resolved.neighbours || (efSearch as number) > MAX_EF_SEARCH) problems.push(`templates.efSearch: must be a whole number from templates.neighbours (${resolved.neighbours}) to ${MAX_EF_SEARCH}`);
    else resolved.efSearch = efSearch as number;
  }
  return resolved;
}
