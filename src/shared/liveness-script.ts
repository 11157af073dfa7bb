/**
 * The liveness script: what the server asks the person to do during the recording, carried in the
 * capture challenge's `liveness` claim, and what the widget reports back (sealed, in the evidence)
 * about when it showed each colour and prompt. README "Formats › Liveness script" is the spec.
 *
 * One recording runs, on the recorder's clock from 0:
 *  1. `leadMs` of holding still (the neutral pose and the skin's own colour are measured here);
 *  2. the colour schedule, each colour for its `ms`, painted around the face;
 *  3. the actions, one prompt at a time, each to be done within its `limitMs` of its prompt and
 *     ended back at the neutral pose; the next prompt follows once the widget saw it done;
 *  4. `tailMs` after the last action, then the recorder stops.
 */

/** Every action a script may ask for. `smile` only when the operator enables it. */
export const LIVENESS_ACTIONS = ['turn-left', 'turn-right', 'look-up', 'nod', 'blink', 'smile'] as const;
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

/**
 * `standard`: colours and head movements. `reduced`: no flashing and minimal motion (blinks only),
 * for people who cannot do flashes or movements; the decision then says `passed-lower-assurance`.
 */
export const LIVENESS_PATHS = ['standard', 'reduced'] as const;
export type LivenessPath = (typeof LIVENESS_PATHS)[number];

/** An RGB colour, each channel 0..255. */
export type Rgb = [number, number, number];

export interface ColourStep {
  rgb: Rgb;
  /** How long the colour is shown, in ms (≥ 334: at most 3 changes per second, WCAG 2.3.1). */
  ms: number;
}

export interface ActionStep {
  action: LivenessAction;
  /** The action must be done (and the head back at neutral) within this many ms of its prompt. */
  limitMs: number;
}

/** The challenge's `liveness` claim. */
export interface LivenessScript {
  v: 1;
  path: LivenessPath;
  /** Holding still before the first colour, in ms. */
  leadMs: number;
  /** Empty on the reduced path. */
  colours: ColourStep[];
  /** 2–3 actions, in the order they must be done. */
  actions: ActionStep[];
  /** Recording after the last action is done, in ms. */
  tailMs: number;
}

/** Shortest time a colour may be shown: 3 changes per second at most (WCAG 2.3.1). */
export const MIN_COLOUR_MS = 334;

/** The longest recording a script allows: lead, every colour, every action's limit, tail. */
export function scriptMaxDurationMs(script: Pick<LivenessScript, 'leadMs' | 'colours' | 'actions' | 'tailMs'>): number {
  return script.leadMs + script.colours.reduce((sum, c) => sum + c.ms, 0) + script.actions.reduce((sum, a) => sum + a.limitMs, 0) + script.tailMs;
}

/** When the colour phase ends (and the first prompt may come), on the recorder's clock, as scheduled. */
export function scheduledColoursEndMs(script: Pick<LivenessScript, 'leadMs' | 'colours'>): number {
  return script.leadMs + script.colours.reduce((sum, c) => sum + c.ms, 0);
}

/** What the widget reports about one action prompt (ms on the recorder's clock). */
export interface ActionReport {
  action: LivenessAction;
  /** When the prompt was shown. */
  promptAt: number;
  /** When the widget saw the action done and the head back at neutral; null if it never did. */
  doneAt: number | null;
}

/** The evidence member `liveness`: what the widget showed, and when. */
export interface LivenessReport {
  path: LivenessPath;
  /** When each colour of the schedule was painted, in schedule order (ms on the recorder's clock). */
  colourOnsets: number[];
  /** When the last colour was taken off the screen; null on the reduced path. */
  coloursEndAt: number | null;
  actions: ActionReport[];
}

/** Problems with a script's shape (empty when valid); used by both sides on what they receive. */
export function scriptProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) return ['liveness: must be an object'];
  const s = value as Record<string, unknown>;
  if (s['v'] !== 1) problems.push('liveness.v: must be 1');
  if (!LIVENESS_PATHS.includes(s['path'] as LivenessPath)) problems.push('liveness.path: must be "standard" or "reduced"');
  for (const key of ['leadMs', 'tailMs'] as const) {
    if (!isMs(s[key], 0, 5000)) problems.push(`liveness.${key}: must be a whole number of ms from 0 to 5000`);
  }
  const colours = s['colours'];
  if (!Array.isArray(colours) || colours.length > 16) {
    problems.push('liveness.colours: must be an array of at most 16 colour steps');
  } else {
    colours.forEach((c: unknown, i) => {
      const step = c as Record<string, unknown> | null;
      const rgb = step?.['rgb'];
      if (!Array.isArray(rgb) || rgb.length !== 3 || !rgb.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
        problems.push(`liveness.colours[${i}].rgb: must be three whole numbers 0..255`);
      }
      if (!isMs(step?.['ms'], MIN_COLOUR_MS, 1000)) problems.push(`liveness.colours[${i}].ms: must be a whole number of ms from ${MIN_COLOUR_MS} to 1000`);
    });
  }
  const actions = s['actions'];
  if (!Array.isArray(actions) || actions.length < 1 || actions.length > 4) {
    problems.push('liveness.actions: must be an array of 1 to 4 action steps');
  } else {
    actions.forEach((a: unknown, i) => {
      const step = a as Record<string, unknown> | null;
      if (!LIVENESS_ACTIONS.includes(step?.['action'] as LivenessAction)) problems.push(`liveness.actions[${i}].action: must be one of ${LIVENESS_ACTIONS.join(', ')}`);
      if (!isMs(step?.['limitMs'], 1000, 10_000)) problems.push(`liveness.actions[${i}].limitMs: must be a whole number of ms from 1000 to 10000`);
    });
  }
  if (s['path'] === 'reduced' && Array.isArray(colours) && colours.length > 0) problems.push('liveness.colours: must be empty on the reduced path');
  if (s['path'] === 'standard' && Array.isArray(colours) && colours.length < 2) problems.push('liveness.colours: the standard path needs at least 2 colours (a correlation needs a change of colour)');
  return problems;
}

function isMs(value: unknown, min: number, max: number): boolean {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}
