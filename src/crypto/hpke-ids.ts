/** Algorithm identifiers from the RFC 9180 §7 registries, for the parts face-verify implements. */

/** KEM id of DHKEM(X25519, HKDF-SHA256), RFC 9180 §7.1; the only KEM implemented. */
export const KEM_X25519_HKDF_SHA256 = 0x0020;
/** KDF id of HKDF-SHA256, RFC 9180 §7.2; the only KDF implemented. */
export const KDF_HKDF_SHA256 = 0x0001;
/** AEAD id of AES-128-GCM, RFC 9180 §7.3 (implemented so every official vector can be checked). */
export const AEAD_AES_128_GCM = 0x0001;
/** AEAD id of AES-256-GCM, RFC 9180 §7.3 (implemented so every official vector can be checked). */
export const AEAD_AES_256_GCM = 0x0002;
/** AEAD id of ChaCha20-Poly1305, RFC 9180 §7.3: the one face-verify seals with. */
export const AEAD_CHACHA20_POLY1305 = 0x0003;
/** The export-only "AEAD", RFC 9180 §7.3: contexts that can only `export()`, never seal or open. */
export const AEAD_EXPORT_ONLY = 0xffff;

/** An AEAD id this implementation accepts. */
export type AeadId = 0x0001 | 0x0002 | 0x0003 | 0xffff;
