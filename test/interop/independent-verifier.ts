/**
 * A second implementation of README "Formats" for the checks a backend in another language would
 * make, written from the README alone with independent libraries — `@hpke/core` (+ its ChaCha20
 * extension) for RFC 9180, `jose` for JWS, `cbor2` for RFC 8949, Node's crypto for SHA-256, and
 * undici's FormData parser for RFC 7578. It imports NOTHING from src/: if the widget and this file
 * disagree, README is either wrong or not followed.
 */
import { createHash } from 'node:crypto';
import { Chacha20Poly1305 } from '@hpke/chacha20poly1305';
import { CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { decode } from 'cbor2';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, importJWK, jwtVerify, type JWK } from 'jose';

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest());

export interface IndependentResult {
  claims: Record<string, any>;
  challenge: Record<string, any>;
  payload: Uint8Array;
  evidence: Record<string, any>;
  /** Every request header's size, for the 1 KiB rule. */
  largestHeaderBytes: number;
}

/**
 * Verifies one upload end to end as README "Formats" describes it.
 * @param body - the raw request body; @param headers - the request headers.
 * @param serverPublicJwk - the server's Ed25519 public JWK (verifies session and challenge tokens).
 * @param operatorPrivateJwk - the operator's X25519 private JWK `{ kty, crv, x, d, kid }`.
 * @throws Error naming the first check that fails.
 */
export async function verifyIndependently(
  body: Uint8Array,
  headers: Record<string, string>,
  serverPublicJwk: JWK,
  operatorPrivateJwk: JWK & { kid: string },
): Promise<IndependentResult> {
  const largestHeaderBytes = Math.max(...Object.entries(headers).map(([k, v]) => Buffer.byteLength(`${k}: ${v}`)));

  // Upload: multipart/form-data with exactly `attestation` then `sealed`.
  const contentType = headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) throw new Error(`upload: content-type is ${contentType}`);
  const form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  const names = [...form.keys()];
  if (names.join(',') !== 'attestation,sealed') throw new Error(`upload: parts are ${names.join(',')}`);
  const attestation = form.get('attestation');
  const sealedPart = form.get('sealed');
  if (typeof attestation !== 'string' || typeof sealedPart === 'string' || sealedPart === null) throw new Error('upload: part types');
  if (attestation.length > 8192) throw new Error('attestation: over 8 KiB');
  const sealed = new Uint8Array(await sealedPart.arrayBuffer());

  // Attestation: ES256 under its embedded jwk, typ fv-attestation+jwt.
  const header = decodeProtectedHeader(attestation);
  if (header.alg !== 'ES256' || header.typ !== 'fv-attestation+jwt') throw new Error('attestation: header');
  const jwk = header.jwk as JWK;
  if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) throw new Error('attestation: jwk');
  const { payload: claims } = await jwtVerify(attestation, EmbeddedJWK, { algorithms: ['ES256'], typ: 'fv-attestation+jwt' }) as { payload: Record<string, any> };
  if (claims['v'] !== 2) throw new Error('attestation: v');
  if (headers['idempotency-key'] !== claims['jti']) throw new Error('idempotency-key header ≠ jti');

  // Challenge: EdDSA under the server's key, typ fv-challenge+jwt; bound to the attestation key.
  const serverKey = await importJWK(serverPublicJwk, 'EdDSA');
  const { payload: challenge } = await jwtVerify(claims['challenge'], serverKey, {
    algorithms: ['EdDSA'], typ: 'fv-challenge+jwt', currentDate: new Date(((claims['iat'] as number) - 1) * 1000),
  }) as { payload: Record<string, any> };
  if ((await calculateJwkThumbprint(jwk, 'sha256')) !== challenge['cnf'].jkt) throw new Error('cnf.jkt ≠ thumbprint of jwk');
  for (const key of ['sid', 'nonce', 'mode']) if (claims[key] !== challenge[key]) throw new Error(`claim ${key} ≠ challenge`);
  if (!(challenge['iat'] < challenge['captureBy'] && challenge['captureBy'] < challenge['exp'])) throw new Error('challenge windows');
  if (claims['capture'].startedAfterMs > (challenge['captureBy'] - challenge['iat']) * 1000) throw new Error('capture late');

  // Sealed part: hash and size as attested; sealed to the challenge's key.
  if (claims['sealed'].bytes !== sealed.length || claims['sealed'].sha256 !== b64u(sha256(sealed))) throw new Error('sealed: hash/size');
  if (claims['sealed'].kid !== challenge['opk'].kid || challenge['opk'].kid !== operatorPrivateJwk.kid) throw new Error('sealed: kid');
  if (claims['sealed'].suite !== 'HPKE-Base-X25519-SHA256-ChaCha20Poly1305') throw new Error('sealed: suite');

  // HPKE base mode; info = UTF-8("face-verify/v2|" mode "|" sid "|") ‖ raw SHA-256(UTF-8(challenge)).
  const info = Buffer.concat([
    Buffer.from(`face-verify/v2|${challenge['mode']}|${challenge['sid']}|`, 'utf8'),
    sha256(Buffer.from(claims['challenge'], 'utf8')),
  ]);
  const suite = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Chacha20Poly1305() });
  const recipientKey = await suite.kem.importKey('jwk', { ...operatorPrivateJwk }, false);
  const recipient = await suite.createRecipientContext({ recipientKey, enc: sealed.slice(0, 32).buffer, info });
  const plaintext = new Uint8Array(await recipient.open(sealed.slice(32).buffer, new Uint8Array(0).buffer));

  // The container: a CBOR map of exactly v, payload, evidence.
  const container = decode(plaintext) as Record<string, unknown>;
  if (Object.keys(container).sort().join(',') !== 'evidence,payload,v' || container['v'] !== 2) throw new Error('container: keys');
  const payload = container['payload'] as Uint8Array;
  const evidenceBytes = container['evidence'] as Uint8Array;
  if (!(payload instanceof Uint8Array) || !(evidenceBytes instanceof Uint8Array)) throw new Error('container: byte strings');
  if (claims['payload'].bytes !== payload.length || claims['payload'].sha256 !== b64u(sha256(payload))) throw new Error('payload: hash/size');
  if (claims['evidence'].bytes !== evidenceBytes.length || claims['evidence'].sha256 !== b64u(sha256(evidenceBytes))) throw new Error('evidence: hash/size');
  const evidence = JSON.parse(Buffer.from(evidenceBytes).toString('utf8')) as Record<string, any>;
  if (evidence['v'] !== 2 || evidence['trace']?.rows?.length !== claims['capture'].frames) throw new Error('evidence: trace rows ≠ capture.frames');

  // Embedding mode (README "Template"): 128 finite little-endian float32 of unit length, bound to
  // 3–8 trace rows with one face, frontal, eyes open.
  if (challenge['mode'] === 'embedding') checkTemplate(claims['payload'].type, payload, evidence);

  // Consent: for this session's notice.
  if (claims['consent'].noticeHash !== challenge['mh'] || claims['consent'].sessionId !== challenge['sid']) throw new Error('consent');
  return { claims, challenge, payload, evidence, largestHeaderBytes };
}

function checkTemplate(type: unknown, payload: Uint8Array, evidence: Record<string, any>): void {
  if (type !== 'application/vnd.face-verify.template-v1') throw new Error('template: payload.type');
  if (payload.length !== 512) throw new Error('template: not 512 bytes');
  const view = new DataView(payload.buffer, payload.byteOffset, 512);
  let squares = 0;
  for (let i = 0; i < 128; i++) {
    const x = view.getFloat32(4 * i, true);
    if (!Number.isFinite(x)) throw new Error('template: a number is not finite');
    squares += x * x;
  }
  if (Math.abs(Math.sqrt(squares) - 1) > 0.001) throw new Error('template: length is not 1');
  const frames = evidence['template']?.frames;
  if (!Array.isArray(frames) || frames.length < 3 || frames.length > 8) throw new Error('template: frames');
  const fields: string[] = evidence['trace'].fields;
  const col = (name: string) => fields.indexOf(name);
  let previous = -Infinity;
  for (const t of frames) {
    if (!(typeof t === 'number' && t > previous)) throw new Error('template: frames not increasing');
    previous = t;
    const row = (evidence['trace'].rows as unknown[][]).find((r) => r[col('t')] === t);
    if (!row) throw new Error(`template: no trace row at ${t}`);
    const [faces, yaw, pitch, bl, br] = ['faces', 'yaw', 'pitch', 'blinkL', 'blinkR'].map((f) => row[col(f)]) as (number | null)[];
    if (faces !== 1 || yaw === null || pitch === null || Math.abs(yaw) > 15 || Math.abs(pitch) > 20 || bl === null || br === null || bl >= 0.5 || br >= 0.5) {
      throw new Error(`template: the row at ${t} is not a good frame`);
    }
  }
}
