/**
 * Room keys: 256 random bits. They travel only in a link's fragment or inside an
 * encrypted message, and never reach the LiveKit server.
 */
import { fromBase64Url, toBase64Url } from '../../src-shared/base64url';
export { isRoomKey as isCallKey } from '../../src-shared/invite-link';

export const CALL_KEY_BYTES = 32;

export function newCallKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(CALL_KEY_BYTES)));
}

export function callKeyBytes(key: string): ArrayBuffer {
  const bytes = fromBase64Url(key);
  if (!bytes || bytes.length !== CALL_KEY_BYTES) throw new Error('not a call key');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
