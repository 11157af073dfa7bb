import type { ConsentManifest, VerificationMode } from '../../src/shared/manifest.js';

/** The demo marketplace's consent notice in clip mode: what a real operator would have to fill in. */
export const demoManifest: ConsentManifest = {
  version: '2026-11-01',
  controller: { name: "Makers' Market Ltd", contact: 'privacy@makers-market.example' },
  processors: [],
  purpose:
    'To confirm that you are a real person and that you do not already hold a seller account, so one person cannot run several shops.',
  mode: 'clip',
  retention: {
    days: 30,
    description: 'The sealed video is erased 30 days after you send it, or earlier when you use your erasure link.',
  },
  recipients: ["Makers' Market's seller-trust team (2 staff members)"],
  notSold: 'Your face data is never sold, rented or shared for advertising, and is not used to train any model.',
  rights: [
    { right: 'Access', how: 'Email privacy@makers-market.example to get a copy of what we hold.' },
    { right: 'Erasure', how: 'Use the erasure link on your receipt, or email us.' },
    { right: 'Withdrawal', how: 'Withdraw consent at any time with the same link; this does not affect your account.' },
    { right: 'Human review', how: 'A person, not only software, reviews every decision; ask us to review yours.' },
  ],
  policyUrl: '/privacy',
  erasureUrl: '/erase',
  alternative: {
    description: 'You can verify with an identity document reviewed by our staff instead; it takes 1–2 working days.',
    url: '/alternative',
  },
  locale: 'en',
};

/**
 * The notice for the zero-upload mode: the same controller, purpose and rights, but what is kept is a
 * face template (no image), and the notice says what it is compared with.
 */
export const demoEmbeddingManifest: ConsentManifest = {
  ...demoManifest,
  mode: 'embedding',
  retention: {
    days: 30,
    description:
      'The sealed face template (128 numbers computed on your device; no image or video is sent) is compared with the templates of other seller accounts, to find a second account of the same person, and erased 30 days after you send it, or earlier when you use your erasure link.',
  },
};

/** The demo's notice for `mode`. */
export function demoManifestFor(mode: VerificationMode): ConsentManifest {
  return mode === 'embedding' ? demoEmbeddingManifest : demoManifest;
}
