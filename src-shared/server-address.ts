/**
 * The one rule for the addresses the app talks to or sends guests to: the LiveKit server
 * and the guest page. The settings form, the IPC contract, the settings service, the
 * invite links, the stored settings and the CSP all ask these functions, so an address
 * is either good everywhere or nowhere.
 *
 * Anything that leaves this computer must be encrypted in transit (wss://, https://);
 * ws:// and http:// are for loopback only (the local test server, browser mode).
 *
 * Plain functions, no zod: the guest's first screen checks its invite link with them, and
 * zod is not part of that first load. The IPC contract wraps them in its schemas.
 */
/** Longer than any real address; a bound for what a form or a stored file may hold. */
export const MAX_ADDRESS_LENGTH = 512;

export type AddressProblem = 'malformed' | 'insecure';
export type ParsedAddress = { ok: true; url: string } | { ok: false; problem: AddressProblem };

const malformed: ParsedAddress = { ok: false, problem: 'malformed' };
const insecure: ParsedAddress = { ok: false, problem: 'insecure' };

/** localhost, 127.0.0.0/8 and ::1: addresses that never leave this computer. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * A LiveKit server address as a person types it (ws, wss, http or https, a host and a
 * port, nothing else), given back in the one form livekit-client and the links use:
 * `wss://host[:port]`, or `ws://` on loopback. The character check runs on the raw text,
 * because the URL parser silently drops tabs and newlines. Nothing is trimmed here: a form
 * trims what was typed, a link must already be exact.
 */
export function parseServerAddress(text: unknown): ParsedAddress {
  if (typeof text !== 'string') return malformed;
  const value = text;
  if (value.length > MAX_ADDRESS_LENGTH) return malformed;
  if (!/^(wss?|https?):\/\/[A-Za-z0-9.\-[\]:]+\/?$/i.test(value)) return malformed;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return malformed;
  }
  if (!url.hostname) return malformed;
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  if (!secure && !isLoopbackHost(url.hostname)) return insecure;
  return { ok: true, url: `${secure ? 'wss' : 'ws'}://${url.host}` };
}

/** Whether two typed addresses name the same server (http and ws forms are the same). */
export function sameServerAddress(a: string, b: string): boolean {
  const first = parseServerAddress(a.trim());
  const second = parseServerAddress(b.trim());
  return first.ok && second.ok && first.url === second.url;
}

/** Whitespace, control, zero-width and direction characters have no place in an address. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

/**
 * The web address where guests open their links: http(s), a host, no user name or
 * password, no fragment (the invite goes there). Given back as the URL parser writes it.
 */
export function parseGuestPageAddress(text: unknown): ParsedAddress {
  if (typeof text !== 'string') return malformed;
  const value = text;
  if (value.length > MAX_ADDRESS_LENGTH || INVISIBLE.test(value)) return malformed;
  if (!/^https?:\/\//i.test(value)) return malformed;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return malformed;
  }
  if (!url.hostname || url.username || url.password || url.hash) return malformed;
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) return insecure;
  return { ok: true, url: url.href };
}
