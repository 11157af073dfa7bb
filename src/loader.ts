/**
 * The plain `<script src=".../face-verify.js">` entry. It is a tiny classic script that loads the
 * element's ES modules from its own folder, so the page downloads only the small element before
 * consent; the face model, wasm and worker load only after the person agrees. (A true single-file
 * IIFE would have to inline the worker and MediaPipe, tens of times larger, before consent.)
 */
(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const base = new URL('./', script?.src || document.baseURI);
  import(/* @vite-ignore */ new URL('define.js', base).href).catch((error: unknown) => {
    console.error(`face-verify: could not load ${new URL('define.js', base).href}. Serve the whole dist/ folder next to face-verify.js.`, error);
  });
})();
