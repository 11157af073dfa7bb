import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Size } from './view-geometry.js';

/**
 * The viewport's size, kept current while the element is connected: a phone turned on its side
 * re-lays the viewfinder out. 'resize' covers most browsers; the orientation media query covers
 * those (older iOS WebViews) that rotate before they report the new size. Both listeners go when
 * the element leaves the DOM.
 */
export class ViewportController implements ReactiveController {
  size: Size = { width: 0, height: 0 };
  readonly #host: ReactiveControllerHost;
  #query: MediaQueryList | null = null;
  readonly #update = (): void => {
    const next = readViewport();
    if (next.width === this.size.width && next.height === this.size.height) return;
    this.size = next;
    this.#host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.size = readViewport();
    window.addEventListener('resize', this.#update);
    this.#query = window.matchMedia?.('(orientation: portrait)') ?? null;
    this.#query?.addEventListener('change', this.#update);
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.#update);
    this.#query?.removeEventListener('change', this.#update);
    this.#query = null;
  }
}

/** The layout viewport (what fixed-position content and `vh` see), in CSS px. */
function readViewport(): Size {
  return { width: window.innerWidth, height: window.innerHeight };
}
