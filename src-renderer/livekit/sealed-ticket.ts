/**
 * The ticket into the call (server, call token, call key) is sealed to one waiting guest:
 * the guest sends a one-time ECDH public key with the knock; the host derives a shared
 * AES-GCM key with a one-time key of its own. Neither the server nor another holder of
 * the waiting-room key can open it.
 */
import { fromBase64Url, toBase64Url } from '../../src-shared/base64url';
import { z } from 'zod';

export const CallTicket = z.object({
  serverUrl: z.string().regex(/^wss?:\/\//),
  token: z.string().min(1).max(4096),
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  keyIndex: z.number().int().min(0),
  /** The host's identity in the call: only their key changes are followed. */
  hostIdentity: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/)
    .optional(),
});
export type CallTicket = z.infer<typeof CallTicket>;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('augenhoehe admit ticket v1');

function bytes(text: string): Uint8Array<ArrayBuffer> {
  const decoded = fromBase64Url(text);
  if (!decoded) throw new Error('not base64url');
  return new Uint8Array(decoded);
}

/** A guest's one-time key pair; the private half never leaves this page. */
export async function newGuestKeyPair(): Promise<{ keyPair: CryptoKeyPair; publicKey: string }> {
  const keyPair = await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey));
  return { keyPair, publicKey: toBase64Url(raw) };
}

async function sharedKey(
  privateKey: CryptoKey,
  otherPublic: string,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const publicKey = await crypto.subtle.importKey('raw', bytes(otherPublic), ECDH, false, []);
  const secret = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: publicKey },
    privateKey,
    256,
  );
  const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: INFO },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

export async function sealTicket(
  ticket: CallTicket,
  guestPublicKey: string,
): Promise<{ hostPublicKey: string; iv: string; sealed: string }> {
  const host = await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
  const key = await sharedKey(host.privateKey, guestPublicKey, 'encrypt');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(ticket)),
  );
  const hostPublic = new Uint8Array(await crypto.subtle.exportKey('raw', host.publicKey));
  return {
    hostPublicKey: toBase64Url(hostPublic),
    iv: toBase64Url(iv),
    sealed: toBase64Url(new Uint8Array(sealed)),
  };
}

/** Null when the ticket was not sealed to this key pair or was tampered with. */
export async function openTicket(
  keyPair: CryptoKeyPair,
  message: { hostPublicKey: string; iv: string; sealed: string },
): Promise<CallTicket | null> {
  try {
    const key = await sharedKey(keyPair.privateKey, message.hostPublicKey, 'decrypt');
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(message.iv) },
      key,
      bytes(message.sealed),
    );
    const parsed = CallTicket.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
