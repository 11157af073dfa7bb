/**
 * `cem analyze` (run by `npm run build`): writes dist/custom-elements.json, the manifest that IDEs,
 * Storybook and framework tooling read to learn `<face-verify>`'s attributes, properties, events,
 * CSS parts and custom properties, from the element's own JSDoc and lit `static properties`.
 */
const ELEMENT = 'src/element/face-verify.ts';
/** Where each analysed source ends up in the published package (vite bundles the element into index.js). */
const SHIPPED = { 'src/index.ts': 'dist/index.js', 'src/define.ts': 'dist/define.js', [ELEMENT]: 'dist/index.js' };

/** Lit's `state: true` fields are internal reactive state, not attributes a host can set. */
function dropPrivateAttributes() {
  return {
    name: 'face-verify-drop-private-attributes',
    moduleLinkPhase({ moduleDoc }) {
      for (const declaration of moduleDoc.declarations ?? []) {
        const isPrivate = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name));
        if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !isPrivate.has(a.fieldName ?? a.name));
        if (declaration.members) declaration.members = declaration.members.filter((m) => !isPrivate.has(m.name));
      }
    },
  };
}

/**
 * The manifest describes the package as published: the element's declaration moves into the module
 * that exports it (dist/index.js), and every reference names shipped files, never src/.
 */
function shippedPaths() {
  return {
    name: 'face-verify-shipped-paths',
    packageLinkPhase({ customElementsManifest }) {
      const element = customElementsManifest.modules.find((m) => m.path === ELEMENT);
      const modules = customElementsManifest.modules.filter((m) => m.path !== ELEMENT);
      const index = modules.find((m) => m.path === 'src/index.ts');
      if (!element || !index) throw new Error(`custom-elements.json: ${ELEMENT} and src/index.ts must both be analysed (globs in custom-elements-manifest.config.mjs).`);
      index.declarations = [...element.declarations, ...(index.declarations ?? [])];
      for (const module of modules) {
        module.path = SHIPPED[module.path] ?? module.path;
        // The element class is defined in one bundled module, whatever path the source imported it by.
        for (const e of module.exports ?? []) if (e.declaration?.name === 'FaceVerify') e.declaration.module = 'dist/index.js';
      }
      // index.ts re-exports many types and helpers; the manifest lists only what a host's tooling needs.
      index.exports = (index.exports ?? []).filter((e) => e.name === 'FaceVerify');
      customElementsManifest.modules = modules;
    },
  };
}

export default {
  globs: [ELEMENT, 'src/index.ts', 'src/define.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json names the manifest itself ("customElements"); the build must not rewrite it.
  packagejson: false,
  plugins: [dropPrivateAttributes(), shippedPaths()],
};
