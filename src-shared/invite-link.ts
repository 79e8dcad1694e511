/**
 * The invite link a host sends to one guest. Two forms carry the same payload in the URL
 * fragment, which browsers never send to a web server:
 *
 *   https://<guest page>/#v=3&s=<server>&w=<waiting-room token>&k=<waiting-room key>&h=<host key>
 *   augenhoehe://join#v=3&s=…&w=…&k=…&h=…        (opens the desktop app)
 *
 * The token only lets its holder into the waiting room, and expires with the invite. The
 * host key is the public half of the consultation's signing key: the guest believes a
 * "let in", a key change or "the call has ended" only with its signature.
 */
import { fromBase64Url, tokenExpiry } from './base64url';
import { PUBLIC_KEY_PATTERN } from './host-signature';
import { MAX_LINK_LENGTH } from './limits';
import { parseGuestPageAddress, parseServerAddress } from './server-address';

export const INVITE_VERSION = '3';
export const APP_LINK_PREFIX = 'augenhoehe://join';
const PARAMS = ['v', 's', 'w', 'k', 'h'] as const;

export interface Invite {
  serverUrl: string;
  waitingToken: string;
  waitingKey: string;
  /** The consultation's signing key (public half). */
  hostPublicKey: string;
  /** Seconds since the epoch, from the token. */
  expiresAt: number;
}

export type InviteProblem = 'link-malformed' | 'link-expired' | 'link-unsupported';
export type ParsedInvite = { ok: true; invite: Invite } | { ok: false; problem: InviteProblem };

const malformed: ParsedInvite = { ok: false, problem: 'link-malformed' };

/**
 * The settings also accept http(s) addresses; the link always carries the one WebSocket
 * form parseServerAddress gives, the only form the parser accepts.
 */
function linkServerUrl(serverUrl: string): string {
  const parsed = parseServerAddress(serverUrl);
  return parsed.ok ? parsed.url : serverUrl;
}

export function inviteFragment(invite: Omit<Invite, 'expiresAt'>): string {
  return new URLSearchParams({
    v: INVITE_VERSION,
    s: linkServerUrl(invite.serverUrl),
    w: invite.waitingToken,
    k: invite.waitingKey,
    h: invite.hostPublicKey,
  }).toString();
}

/** `pageUrl` is the guest page address, or APP_LINK_PREFIX for the desktop form. */
export function formatInviteLink(pageUrl: string, invite: Omit<Invite, 'expiresAt'>): string {
  const hash = pageUrl.indexOf('#');
  return `${hash < 0 ? pageUrl : pageUrl.slice(0, hash)}#${inviteFragment(invite)}`;
}

/** 256 bits, canonical base64url (43 characters). */
export function isRoomKey(value: string): boolean {
  return (
    typeof value === 'string' &&
    /^[A-Za-z0-9_-]{43}$/.test(value) &&
    fromBase64Url(value)?.length === 32
  );
}

/** A P-256 public key as the link carries it: 65 bytes, an uncompressed point. */
export function isHostPublicKey(value: string): boolean {
  return (
    typeof value === 'string' && PUBLIC_KEY_PATTERN.test(value) && fromBase64Url(value)?.[0] === 4
  );
}

/**
 * Only the exact form the app writes: a link hands on its raw text, so a second spelling of
 * the same server (or an unencrypted one off this computer) is refused, not repaired.
 */
function isServerUrl(value: string): boolean {
  const parsed = parseServerAddress(value);
  return parsed.ok && parsed.url === value;
}

/** Never throws: any input gives an invite or a problem the page can explain. */
export function parseInviteFragment(
  fragment: string,
  nowSeconds: number = Date.now() / 1000,
): ParsedInvite {
  if (typeof fragment !== 'string' || fragment.length > MAX_LINK_LENGTH) return malformed;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(fragment.replace(/^#/, ''));
  } catch {
    return malformed;
  }
  // A link that says two things (two servers, two keys) was tampered with or mangled:
  // which copy counts must not depend on which parser reads it.
  if (PARAMS.some((name) => params.getAll(name).length > 1)) return malformed;
  const version = params.get('v');
  if (version === null || !/^\d{1,3}$/.test(version)) return malformed;
  if (version !== INVITE_VERSION) return { ok: false, problem: 'link-unsupported' };
  const serverUrl = params.get('s') ?? '';
  const waitingToken = params.get('w') ?? '';
  const waitingKey = params.get('k') ?? '';
  const hostPublicKey = params.get('h') ?? '';
  const expiresAt = tokenExpiry(waitingToken);
  if (
    !isServerUrl(serverUrl) ||
    expiresAt === null ||
    !isRoomKey(waitingKey) ||
    !isHostPublicKey(hostPublicKey)
  )
    return malformed;
  // JWT `exp` is the first second the token is no longer valid. Written as "not before"
  // so that a NaN clock fails closed.
  if (!(nowSeconds < expiresAt)) return { ok: false, problem: 'link-expired' };
  return { ok: true, invite: { serverUrl, waitingToken, waitingKey, hostPublicKey, expiresAt } };
}

/** Either form of the whole link; anything else is malformed. */
export function parseInviteUrl(link: string, nowSeconds: number = Date.now() / 1000): ParsedInvite {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH) return malformed;
  const hash = link.indexOf('#');
  if (hash < 0) return malformed;
  const base = link.slice(0, hash);
  const isAppLink = base === APP_LINK_PREFIX || base === `${APP_LINK_PREFIX}/`;
  if (!isAppLink && !parseGuestPageAddress(base).ok) return malformed;
  return parseInviteFragment(link.slice(hash + 1), nowSeconds);
}
