/**
 * What the host's signing key signs. Main holds the private key of each consultation and
 * signs only payloads that start with this prefix, so the key can vouch for the app's own
 * control messages and nothing else (not a token, not a file).
 */
export const HOST_SIGNED_PREFIX = 'augenhoehe-signed/v1\n';

/** Largest payload main signs: a control message is small; a page image is never signed. */
export const MAX_SIGNED_PAYLOAD_BYTES = 64 * 1024;

/** A P-256 public key (the host's, or a guest's one-time key): uncompressed point, 65 bytes, base64url. */
export const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9_-]{87}$/;
