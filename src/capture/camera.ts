import { FaceVerifyError } from '../shared/errors.js';
import { cameraError } from './camera-errors.js';

export interface CameraOptions {
  /** A specific camera (from the picker); otherwise the front-facing one. */
  deviceId?: string;
  signal?: AbortSignal;
}

/**
 * The camera constraints: front-facing preferred (ideal, so a laptop's only camera still opens),
 * 640×480 ideal — a phone held upright gives 480×640, and the viewfinder follows — no audio ever.
 */
export function cameraConstraints(options: CameraOptions = {}): MediaStreamConstraints {
  const video: MediaTrackConstraints = {
    width: { ideal: 640 },
    height: { ideal: 480 },
    frameRate: { ideal: 30, max: 30 },
    ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : { facingMode: { ideal: 'user' } }),
  };
  return { video, audio: false };
}

/**
 * An open camera stream. `stop()` ends every track; it is safe to call more than once and is called
 * on every exit path by {@link CameraController}.
 */
export class CameraSession {
  readonly stream: MediaStream;
  private stopped = false;

  private constructor(stream: MediaStream) {
    this.stream = stream;
  }

  /**
   * Opens the camera. When `signal` aborts while the browser is still asking, the stream that
   * arrives late is stopped at once rather than left running.
   * @throws FaceVerifyError with a camera-* code.
   */
  static async open(options: CameraOptions = {}): Promise<CameraSession> {
    if (!globalThis.navigator?.mediaDevices?.getUserMedia) {
      throw new FaceVerifyError('camera-unsupported', 'This browser cannot use a camera here. Use a current browser over https.');
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(cameraConstraints(options));
    } catch (error) {
      throw cameraError(error);
    }
    if (options.signal?.aborted) {
      stream.getTracks().forEach((t) => t.stop());
      throw options.signal.reason;
    }
    return new CameraSession(stream);
  }

  /** The settings the camera actually delivers (resolution, device, facing mode). */
  get settings(): MediaTrackSettings {
    return this.stream.getVideoTracks()[0]?.getSettings() ?? {};
  }

  /** The camera's label, e.g. "FaceTime HD Camera" (reported as an injection signal later). */
  get label(): string {
    return this.stream.getVideoTracks()[0]?.label ?? '';
  }

  get active(): boolean {
    return !this.stopped && this.stream.getVideoTracks().some((t) => t.readyState === 'live');
  }

  stop(): void {
    this.stopped = true;
    for (const track of this.stream.getTracks()) track.stop();
  }
}

/** The video inputs, for the camera picker. Labels are empty until camera permission is granted. */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  if (!globalThis.navigator?.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput');
}
