/** The crypto module's public surface: HPKE sealing, operator keys, attestation signing, digests. */
export * from './attestation-key.js';
export * from './digest.js';
export * from './hpke.js';
export * from './operator-key.js';
