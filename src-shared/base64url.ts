/** base64url without padding, in any JavaScript runtime (browser, Electron, Node 20). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Strict: unpadded base64url only, and only the canonical spelling. atob ignores the unused
 * low bits of the last character, so without the round-trip check "…A" and "…B" would decode
 * to the same key and one key would have several links.
 */
export function fromBase64Url(text: string): Uint8Array | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    return null;
  }
  let bytes: Uint8Array;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
  return toBase64Url(bytes) === text ? bytes : null;
}

/** A JWT's claims, read without verifying them (the server verifies); null if malformed. */
function tokenClaims(token: string): Record<string, unknown> | null {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return null;
  const payload = fromBase64Url(parts[1] ?? '');
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;
    return claims as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The `exp` claim of a JWT, read without verifying it (the server verifies). */
export function tokenExpiry(token: string): number | null {
  const exp = tokenClaims(token)?.exp;
  return typeof exp === 'number' && Number.isSafeInteger(exp) && exp > 0 ? exp : null;
}

/**
 * Whether a LiveKit token lets its holder take part in a call: publish, subscribe, send
 * data, be seen (a door's token does none of these). Read without verifying it.
 */
export function tokenTakesPart(token: string): boolean {
  const video = tokenClaims(token)?.video as Record<string, unknown> | undefined;
  return (
    video?.canPublish === true &&
    video.canSubscribe === true &&
    video.canPublishData === true &&
    video.hidden !== true
  );
}

/** The identity (`sub` claim) a LiveKit token is for, read without verifying it. */
export function tokenIdentity(token: string): string | null {
  const sub = tokenClaims(token)?.sub;
  return typeof sub === 'string' && sub.length > 0 ? sub : null;
}
