/**
 * The call key: 256 random bits made on the host's device. It travels only in a link's
 * fragment (never sent to any web server) and never reaches the LiveKit server.
 */
export const CALL_KEY_BYTES = 32;

export function newCallKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(CALL_KEY_BYTES)));
}

export function isCallKey(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value) && fromBase64Url(value)?.length === CALL_KEY_BYTES;
}

export function callKeyBytes(key: string): ArrayBuffer {
  const bytes = fromBase64Url(key);
  if (!bytes || bytes.length !== CALL_KEY_BYTES) throw new Error('not a call key');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
