/**
 * Hand-made JWTs for the header attacks a verifier must refuse: `alg: none`, HS256 keyed with the
 * public key (algorithm confusion), a wrong `typ`, an unknown `kid`, a foreign key, and claims
 * re-signed by the rightful key after a security-relevant claim was changed.
 */
import { createHmac, createPublicKey } from 'node:crypto';
import { CompactSign } from 'jose';
import fc from 'fast-check';

const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const parts = (token: string): [Record<string, unknown>, Record<string, unknown>] => {
  const [h, p] = token.split('.');
  return [JSON.parse(Buffer.from(h!, 'base64url').toString()), JSON.parse(Buffer.from(p!, 'base64url').toString())];
};

/** `header.payload.` with `alg: none`, or a variant casing of it. */
function algNone(token: string, alg: string, signature: string): string {
  const [header, payload] = parts(token);
  return `${b64({ ...header, alg })}.${b64(payload)}.${signature}`;
}

/** HS256 over the token's header (alg swapped) and payload, keyed by `secret`. */
function hmacSigned(token: string, secret: Uint8Array | string): string {
  const [header, payload] = parts(token);
  const input = `${b64({ ...header, alg: 'HS256' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The forms a public key takes that a confused verifier might use as an HMAC secret. */
function publicKeySecrets(jwk: JsonWebKey): (Uint8Array | string)[] {
  const key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  return [
    JSON.stringify(jwk),
    key.export({ type: 'spki', format: 'pem' }) as string,
    new Uint8Array(key.export({ type: 'spki', format: 'der' })),
    Buffer.from(jwk.x!, 'base64url'),
  ];
}

/** A signer: a key's public JWK, and a function that signs a header and payload exactly as given. */
export interface Signer {
  publicJwk: JsonWebKey;
  sign(header: Record<string, unknown>, payload: Record<string, unknown>): Promise<string>;
}

/**
 * Header attacks on `token`, signed by `rightful`: `alg: none`, HS256 keyed with its public key,
 * a wrong `typ` re-signed by the rightful key (so it is the only thing wrong), and an unknown `kid`
 * signed by a `foreign` key (an embedded `jwk` swapped for the foreign one, as an attacker would).
 */
export function forgedHeader(token: string, rightful: Signer, foreign: Signer): fc.Arbitrary<() => Promise<string>> {
  const [header, payload] = parts(token);
  const signature = token.split('.')[2]!;
  const none = fc.tuple(fc.constantFrom('none', 'None', 'NONE', 'nOnE', ''), fc.constantFrom('', signature)).map(([alg, sig]) => async () => algNone(token, alg, sig));
  const confusion = fc.constantFrom(...publicKeySecrets(rightful.publicJwk)).map((secret) => async () => hmacSigned(token, secret));
  const typ = fc.oneof(fc.constantFrom('JWT', 'jwt', 'fv-session+jwt', 'fv-challenge+jwt', 'fv-attestation+JWT', 'application/fv-attestation+jwt', null, 42), fc.string())
    .filter((t) => t !== header['typ'])
    .map((t) => () => rightful.sign(t === null ? withPath(header, 'typ', undefined) : { ...header, typ: t }, payload));
  const kid = fc.string({ minLength: 1, maxLength: 40 })
    .map((k) => () => foreign.sign({ ...header, kid: k, ...('jwk' in header ? { jwk: foreign.publicJwk } : {}) }, payload));
  return fc.oneof(none, confusion, typ, kid);
}

/** A {@link Signer} for `key` (its public JWK given, for an embedded `jwk` and HMAC confusion). */
export function signerWith(key: CryptoKey, publicJwk: JsonWebKey): Signer {
  return {
    publicJwk,
    sign: (header, payload) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader(header as { alg: string })
        .sign(key),
  };
}

/** Sets `path` (dot-separated) of a deep copy of `value` to `replacement`, or deletes it when undefined. */
export function withPath<T>(value: T, path: string, replacement: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  if (replacement === undefined) delete at[keys.at(-1)!];
  else at[keys.at(-1)!] = replacement;
  return copy as T;
}
