import { FaceVerifyError } from '../shared/errors.js';

/**
 * Maps a getUserMedia rejection to a typed error with a message that tells the person what to do.
 * Browsers disagree on names (Firefox's old `PermissionDeniedError`, Safari's `NotAllowedError` for
 * insecure origins), so several names map to each code.
 */
export function cameraError(error: unknown): FaceVerifyError {
  const name = (error as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new FaceVerifyError('camera-denied', 'Camera access was refused. Allow the camera for this site in your browser settings, then try again.', { cause: error });
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new FaceVerifyError('camera-not-found', 'No camera was found. Connect a camera, then try again.', { cause: error });
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new FaceVerifyError('camera-busy', 'The camera could not be started; another app may be using it. Close it, then try again.', { cause: error });
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new FaceVerifyError('camera-overconstrained', 'This camera cannot provide the picture needed. Choose another camera, then try again.', { cause: error });
    default:
      return new FaceVerifyError('camera-busy', `The camera could not be started (${name || 'unknown error'}). Try again.`, { cause: error });
  }
}
