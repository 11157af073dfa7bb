/** Registers `<face-verify>`. Importing `face-verify` alone never does (no side effects). */
import { FaceVerify } from './element/face-verify.js';

if (!customElements.get('face-verify')) customElements.define('face-verify', FaceVerify);

declare global {
  interface HTMLElementTagNameMap {
    'face-verify': FaceVerify;
  }
}

export { FaceVerify };
