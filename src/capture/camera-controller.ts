import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CameraSession, type CameraOptions } from './camera.js';

/**
 * Ties the camera's lifetime to an element: whatever else happens, the tracks stop when the element
 * leaves the DOM. Also guarantees that at most one camera stream is open at a time.
 */
export class CameraController implements ReactiveController {
  private session: CameraSession | null = null;
  private pending: AbortController | null = null;
  private readonly host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** The open stream, or null. */
  get stream(): MediaStream | null {
    return this.session?.stream ?? null;
  }

  get camera(): CameraSession | null {
    return this.session;
  }

  /** Opens the camera, closing any stream already open. */
  async open(options: Omit<CameraOptions, 'signal'> = {}): Promise<CameraSession> {
    this.stop();
    const pending = new AbortController();
    this.pending = pending;
    const session = await CameraSession.open({ ...options, signal: pending.signal });
    if (this.pending !== pending) {
      // stop() ran while the permission prompt was open: honour it.
      session.stop();
      throw new DOMException('The camera request was cancelled.', 'AbortError');
    }
    this.pending = null;
    this.session = session;
    this.host.requestUpdate();
    return session;
  }

  /** Stops every track and cancels an open request. Idempotent. */
  stop(): void {
    this.pending?.abort(new DOMException('The camera request was cancelled.', 'AbortError'));
    this.pending = null;
    if (this.session) {
      this.session.stop();
      this.session = null;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.stop();
  }
}
