/** What a framework host may set on `<face-verify>`, shared by the React and Vue declarations. */
import type { FaceVerify } from './element/face-verify.js';

/** Attributes (kebab-case, as in HTML) and the object properties React 19 and Vue set directly. */
export interface FaceVerifyHostProps {
  'session-url': string;
  'assets-base'?: string;
  delegate?: FaceVerify['delegate'];
  'max-attempts'?: number;
  manifest?: FaceVerify['manifest'];
  requestHeaders?: FaceVerify['requestHeaders'];
  timeouts?: FaceVerify['timeouts'];
  translation?: FaceVerify['translation'];
}
