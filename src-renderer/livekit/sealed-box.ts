/**
 * Sealing to one person's one-time key: ECDH P-256, HKDF-SHA-256, AES-256-GCM. Used where
 * the room key is not enough, because others hold it too: a guest's name in the knock
 * (other invited families hold the waiting-room key), the ticket into the call, and the
 * next call key (whoever was sent out still holds the old one), the waiting list shown to a
 * co-host (every guest in the call holds the call key).
 */
import { fromBase64Url, toBase64Url } from '../../src-shared/base64url';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();

/** What a box is for; a box made for one purpose never opens as another. */
export type BoxPurpose = 'knock' | 'door' | 'admit' | 'rekey' | 'waiting-list';

export interface OneTimeKey {
  keyPair: CryptoKeyPair;
  /** The public half, as sent (raw uncompressed point, base64url). */
  publicKey: string;
}

export interface Box {
  iv: string;
  box: string;
}

function bytes(text: string): Uint8Array<ArrayBuffer> {
  const decoded = fromBase64Url(text);
  if (!decoded) throw new Error('not base64url');
  return new Uint8Array(decoded);
}

/** A fresh key pair; the private half cannot be exported and never leaves this page. */
export async function newOneTimeKey(): Promise<OneTimeKey> {
  const keyPair = await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  return { keyPair, publicKey: toBase64Url(raw) };
}

async function boxKey(
  privateKey: CryptoKey,
  otherPublic: string,
  purpose: BoxPurpose,
): Promise<CryptoKey> {
  const publicKey = await crypto.subtle.importKey('raw', bytes(otherPublic), ECDH, false, []);
  const secret = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: publicKey },
    privateKey,
    256,
  );
  const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(32),
      info: encoder.encode(`augenhoehe ${purpose} v1`),
    },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** `context` (say, the recipient's identity and the key index) must match when opening. */
export async function sealTo(
  own: CryptoKey,
  otherPublic: string,
  purpose: BoxPurpose,
  plaintext: Uint8Array,
  context = '',
): Promise<Box> {
  const key = await boxKey(own, otherPublic, purpose);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    new Uint8Array(plaintext),
  );
  return { iv: toBase64Url(iv), box: toBase64Url(new Uint8Array(sealed)) };
}

/** Null when the box was not sealed to this key, for this purpose and context, or was changed. */
export async function openFrom(
  own: CryptoKey,
  otherPublic: string,
  purpose: BoxPurpose,
  box: Box,
  context = '',
): Promise<Uint8Array | null> {
  try {
    const key = await boxKey(own, otherPublic, purpose);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(box.iv), additionalData: encoder.encode(context) },
      key,
      bytes(box.box),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}
