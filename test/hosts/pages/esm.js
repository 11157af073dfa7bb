// An ES-module host: imports the class (no side effects) and registers the tag itself.
import { FaceVerify } from '/face-verify/index.js';

customElements.define('face-verify', FaceVerify);
