/**
 * The host's signing key, one per consultation (ECDSA P-256). Its public half travels in
 * every invite link and admission ticket; guests accept a control message (a key change, a
 * removal, the end of the call) only with a valid signature. The private half stays in main,
 * encrypted at rest with the consultation, and never reaches the renderer.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { HOST_SIGNED_PREFIX, MAX_SIGNED_PAYLOAD_BYTES } from '../../src-shared/host-signature';
import { ServiceError } from './service-error';

export interface HostSigningKey {
  /** PKCS#8 DER, base64url. */
  privateKey: string;
  /** Uncompressed P-256 point, base64url (WebCrypto's `raw` format). */
  publicKey: string;
}

export function newHostSigningKey(): HostSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    publicKey: rawPublicKey(publicKey.export({ format: 'jwk' })),
  };
}

function rawPublicKey(jwk: { x?: string; y?: string }): string {
  const x = Buffer.from(jwk.x ?? '', 'base64url');
  const y = Buffer.from(jwk.y ?? '', 'base64url');
  return Buffer.concat([Buffer.from([4]), x, y]).toString('base64url');
}

/** The public half of a stored private key. */
export function publicKeyOf(privateKey: string): string {
  const key = createPrivateKey({
    key: Buffer.from(privateKey, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  return rawPublicKey(createPublicKey(key).export({ format: 'jwk' }));
}

/**
 * A signature in the IEEE P1363 form WebCrypto verifies (r‖s, 64 bytes). Refuses anything
 * that is not one of the app's control messages.
 */
export function signControlMessage(privateKey: string, payload: Uint8Array): string {
  const prefix = Buffer.from(HOST_SIGNED_PREFIX, 'utf8');
  const bytes = Buffer.from(payload);
  if (
    bytes.length > MAX_SIGNED_PAYLOAD_BYTES ||
    bytes.length < prefix.length ||
    !bytes.subarray(0, prefix.length).equals(prefix)
  ) {
    throw new ServiceError('invalid-request');
  }
  const key = createPrivateKey({
    key: Buffer.from(privateKey, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  return sign('sha256', bytes, { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}
