import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FaceVerifyError } from '../shared/errors.js';
import { CameraSession, type CameraOptions } from './camera.js';

/** How often a live track is checked: a track stopped by the page fires no 'ended' event. */
const TRACK_POLL_MS = 250;

/**
 * Ties the camera's lifetime to an element: whatever else happens, the tracks stop when the element
 * leaves the DOM. At most one stream is open at a time. A track that ends while in use (camera
 * unplugged, taken by the system, stopped by a script) is reported once as 'camera-ended' through
 * `onEnded`, and the stream is stopped.
 */
export class CameraController implements ReactiveController {
  private session: CameraSession | null = null;
  private pending: AbortController | null = null;
  private unwatch: (() => void) | null = null;
  private readonly host: ReactiveControllerHost;
  private readonly onEnded: (error: FaceVerifyError) => void;

  constructor(host: ReactiveControllerHost, onEnded: (error: FaceVerifyError) => void) {
    this.host = host;
    this.onEnded = onEnded;
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
    this.unwatch = watchTracks(session.stream, () => {
      if (this.session !== session) return;
      this.stop();
      this.onEnded(new FaceVerifyError('camera-ended', 'The camera stopped (unplugged, or taken by another app). Nothing partial is kept; try again.'));
    });
    this.host.requestUpdate();
    return session;
  }

  /** Stops every track and cancels an open request. Idempotent. */
  stop(): void {
    this.pending?.abort(new DOMException('The camera request was cancelled.', 'AbortError'));
    this.pending = null;
    this.unwatch?.();
    this.unwatch = null;
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

/** Calls `ended` once when a video track of `stream` ends or fires 'ended'; returns the unwatch. */
function watchTracks(stream: MediaStream, ended: () => void): () => void {
  const tracks = stream.getVideoTracks();
  let done = false;
  const fire = (): void => {
    if (done) return;
    done = true;
    unwatch();
    ended();
  };
  const timer = setInterval(() => tracks.some((t) => t.readyState === 'ended') && fire(), TRACK_POLL_MS);
  tracks.forEach((t) => t.addEventListener('ended', fire));
  const unwatch = (): void => {
    done = true;
    clearInterval(timer);
    tracks.forEach((t) => t.removeEventListener('ended', fire));
  };
  return unwatch;
}
