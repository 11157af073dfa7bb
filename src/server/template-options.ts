/**
 * The operator's template policy (embedding mode): when two templates count as one person, how many
 * stored look-alikes a duplicate search reports, and whether a duplicate is flagged or refused.
 */
import { DEFAULT_MATCH_THRESHOLD } from '../shared/match-threshold.js';
import { isRecord } from '../shared/guards.js';
import { MAX_NEIGHBOURS } from './template-store.js';

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
}

export interface ResolvedTemplates {
  matchThreshold: number;
  neighbours: number;
  duplicates: 'flag' | 'refuse';
}

/** Checks and fills in `templates`, pushing problems. */
export function resolveTemplates(value: unknown, problems: string[]): ResolvedTemplates {
  const resolved: ResolvedTemplates = { matchThreshold: DEFAULT_MATCH_THRESHOLD, neighbours: 5, duplicates: 'flag' };
  if (value === undefined) return resolved;
  if (!isRecord(value)) {
    problems.push('templates: must be an object { matchThreshold?, neighbours?, duplicates? }');
    return resolved;
  }
  const { matchThreshold, neighbours, duplicates } = value;
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
  return resolved;
}
