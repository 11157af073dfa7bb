import { css } from 'lit';

/** The dark palette: applied for a dark system preference and for theme="dark" (one copy, two selectors). */
const dark = css`
  --_bg: var(--face-verify-background, #161b22);
  --_fg: var(--face-verify-foreground, #e6edf3);
  --_muted: var(--face-verify-muted, #9198a1);
  --_accent: var(--face-verify-accent, #4c8dff);
  --_on-accent: var(--face-verify-on-accent, #0d1117);
  --_border: var(--face-verify-border, #30363d);
  --_danger: var(--face-verify-danger, #f85149);
  --_ok: var(--face-verify-ok, #3fb950);
  color-scheme: dark;
`;

/**
 * Every colour and size comes from a custom property with a fallback, so a host themes the widget
 * without `::part` for the common cases; dark mode follows the system unless the host overrides.
 * Styles are adopted stylesheets, so a strict CSP without 'unsafe-inline' works.
 */
export const styles = css`
  :host {
    --_bg: var(--face-verify-background, #ffffff);
    --_fg: var(--face-verify-foreground, #1b1f24);
    --_muted: var(--face-verify-muted, #57606a);
    --_accent: var(--face-verify-accent, #0b5cd5);
    --_on-accent: var(--face-verify-on-accent, #ffffff);
    --_border: var(--face-verify-border, #d0d7de);
    --_danger: var(--face-verify-danger, #b42318);
    --_ok: var(--face-verify-ok, #1a7f37);
    --_radius: var(--face-verify-radius, 12px);
    --_camera-bg: var(--face-verify-camera-background, #000000);
    color-scheme: light;
    display: block;
    /* Never wider than the screen: a phone of 360 px shows all of it. */
    box-sizing: border-box;
    min-width: 0;
    max-width: min(100%, var(--face-verify-max-width, 34rem));
    overflow-wrap: anywhere;
    container-type: inline-size;
    font: var(--face-verify-font, 1rem/1.5 system-ui, sans-serif);
    color: var(--_fg);
  }
  /* The system's scheme unless the host pins one with theme="light" or theme="dark". */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) { ${dark} }
  }
  :host([theme='dark']) { ${dark} }
  :host([hidden]) { display: none; }
  .container {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: clamp(0.75rem, 4cqi, 1.25rem);
    box-sizing: border-box;
    max-width: 100%;
  }
  *, *::before, *::after { box-sizing: border-box; min-width: 0; }
  img, video, canvas, svg, select { max-width: 100%; }
  h2 { font-size: 1.2em; margin: 0 0 0.75rem; }
  dl { margin: 0.5rem 0; display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.35rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  /* Narrow widgets: terms above their values, one column. */
  @container (max-width: 26rem) {
    dl { grid-template-columns: 1fr; gap: 0.1rem; }
    dd + dt { margin-top: 0.4rem; }
  }
  ul { margin: 0; padding-left: 1.2rem; }
  .notice { border-left: 4px solid var(--_accent); padding: 0.25rem 0.75rem; margin: 0 0 0.75rem; }
  .muted { color: var(--_muted); font-size: 0.9em; }
  .agree { display: flex; gap: 0.6rem; align-items: center; min-height: 44px; margin: 1rem 0; cursor: pointer; }
  .agree input { width: 1.25rem; height: 1.25rem; margin-top: 0.15rem; flex: none; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.6rem; margin-top: 1rem; }
  button, .button {
    font: inherit;
    border-radius: calc(var(--_radius) / 1.5);
    padding: 0.55rem 1.1rem;
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_fg);
    cursor: pointer;
    text-decoration: none;
    /* WCAG 2.5.5: every target at least 44 px, for fingers and for tremor. */
    min-height: 44px;
    min-width: 44px;
  }
  button.primary { background: var(--_accent); color: var(--_on-accent); border-color: var(--_accent); }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  a { color: var(--_accent); }
  .viewfinder {
    position: relative;
    /* The shape and the widest size come from view-geometry.ts (frame and viewport). */
    aspect-ratio: 4 / 3;
    width: 100%;
    margin-inline: auto;
    background: var(--_camera-bg);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .viewfinder video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
    /* A mirror is what people expect of a selfie view; frames are analysed unmirrored. */
    transform: scaleX(-1);
  }
  .viewfinder svg { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
  .oval { fill: none; stroke: var(--face-verify-oval, rgba(255, 255, 255, 0.85)); stroke-width: 3; }
  .oval.ok { stroke: var(--face-verify-oval-ok, #3fb950); }
  .progress { fill: none; stroke: var(--_accent); stroke-width: 6; stroke-linecap: round; transition: stroke-dashoffset 0.1s linear; }
  .mask { fill: var(--face-verify-mask, rgba(0, 0, 0, 0.45)); }
  /* The liveness colour fills the screen around the face; the preview and the prompt stay above it. */
  .flash { position: fixed; inset: 0; z-index: 2147483000; pointer-events: none; }
  .above-flash { position: relative; z-index: 2147483001; }
  .prompt { display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; justify-content: center;
    background: var(--_bg); color: var(--_fg); border-radius: var(--_radius); padding: 0.4rem 0.8rem; }
  .prompt-icon { width: 2.5rem; height: 2.5rem; flex: none; color: var(--_accent); }
  .prompt-step { flex-basis: 100%; text-align: center; font-weight: 400; }
  .check-failed { color: var(--_danger); font-weight: 600; }
  .liveness-notice { font-size: 0.9em; }
  button.link { background: none; border: none; color: var(--_accent); text-decoration: underline; padding: 0.5rem 0; min-height: 44px; cursor: pointer; }
  .message { min-height: 3em; margin: 0.75rem 0 0; font-weight: 600; }
  .rec { color: var(--_danger); }
  .review video { width: 100%; border-radius: var(--_radius); background: var(--_camera-bg); }
  .review .chips { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .review canvas { width: 96px; height: 96px; border-radius: var(--_radius); }
  .receipt code, .receipt-id { word-break: break-all; }
  .error { color: var(--_danger); }
  .spinner {
    width: 2rem; height: 2rem; border-radius: 50%;
    border: 3px solid var(--_border); border-top-color: var(--_accent);
    animation: spin 1s linear infinite; margin: 1rem auto;
  }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) {
    .spinner { animation: none; }
    .progress { transition: none; }
  }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  select { font: inherit; padding: 0.3rem; border-radius: 6px; min-height: 44px; }
  .actions label { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; max-width: 100%; }
  /* The colour flash is itself the liveness check, so it is not animated away here: the reduced path is offered instead. */
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { animation: none !important; transition: none !important; }
  }
  /* High-contrast modes drop author colours: draw the oval, progress and boxes in system colours so they stay visible. */
  @media (forced-colors: active) {
    .container, button, select { border: 1px solid CanvasText; }
    .oval { stroke: CanvasText; stroke-width: 4; }
    .oval.ok, .progress { stroke: Highlight; }
    .mask { fill: Canvas; fill-opacity: 0.6; }
    button.primary { background: ButtonText; color: ButtonFace; }
    button:disabled { color: GrayText; border-color: GrayText; }
  }
`;
