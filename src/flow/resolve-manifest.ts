import { canonicalHash } from '../shared/canonical-json.js';
import { FaceVerifyError } from '../shared/errors.js';
import { validateManifest, type ConsentManifest } from '../shared/manifest.js';
import type { SessionResponse } from '../shared/wire.js';

/**
 * The notice to show: the session's, or the `manifest` property's when it equals the session's.
 * @throws FaceVerifyError 'manifest-missing' or 'manifest-invalid' (configuration errors the host
 *   must fix; the message names what is wrong).
 */
export function resolveManifest(session: Pick<SessionResponse, 'manifest' | 'mode'>, given: ConsentManifest | null): ConsentManifest {
  const candidate: unknown = given ?? session.manifest;
  if (candidate === undefined || candidate === null) {
    throw new FaceVerifyError('manifest-missing', 'No consent manifest: return `manifest` from createSession() or set the `manifest` property.');
  }
  const result = validateManifest(candidate);
  if (!result.ok) {
    throw new FaceVerifyError('manifest-invalid', `The consent manifest is incomplete: ${result.problems.join('; ')}.`);
  }
  if (given && session.manifest && canonicalHash(given) !== canonicalHash(session.manifest)) {
    throw new FaceVerifyError('manifest-invalid', 'The `manifest` property differs from the manifest the server issued this session for; the server would reject the consent receipt. Remove the property or make them equal.');
  }
  if (result.manifest.mode !== session.mode) {
    throw new FaceVerifyError('manifest-invalid', `The manifest describes mode "${result.manifest.mode}" but the session is "${session.mode}".`);
  }
  return result.manifest;
}
