/**
 * Links in chat messages. Anything a peer types is hostile until proven otherwise: only
 * http and https addresses with a real host get a control at all, and the address shown
 * and opened is the parsed one, so tricks in the spelling cannot hide where it leads.
 */

/** The same limit the `links:open` request accepts. */
export const MAX_LINK_LENGTH = 2048;

export type MessagePart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

export interface OpenableAddress {
  /** The parsed, normalised address: what will be opened. */
  href: string;
  /** The host as the browser will contact it (internationalised names in punycode). */
  host: string;
}

// Characters that are invisible, reorder text or are stripped by the URL parser: an
// address containing any of them is not what it looks like.
function hasHiddenCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (
      code <= 0x20 ||
      (code >= 0x7f && code <= 0xa0) ||
      code === 0xad ||
      code === 0x061c ||
      code === 0x115f ||
      code === 0x1160 ||
      code === 0x1680 ||
      code === 0x180e ||
      (code >= 0x2000 && code <= 0x200f) ||
      (code >= 0x2028 && code <= 0x202f) ||
      (code >= 0x205f && code <= 0x206f) ||
      code === 0x3000 ||
      code === 0x3164 ||
      code === 0xfeff ||
      code === 0xffa0 ||
      (code >= 0xfff0 && code <= 0xfffb) ||
      (code >= 0xe0000 && code <= 0xe007f)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * The address to open, or null unless `url` is plainly an http or https address with a
 * host: no other scheme, no hidden characters, no user name or password before the host.
 */
export function openableAddress(url: unknown): OpenableAddress | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_LINK_LENGTH) return null;
  if (hasHiddenCharacters(url)) return null;
  // The parser would also accept `https:example.org` or `https:\\example.org`; a link
  // must be written the ordinary way.
  if (!/^https?:\/\//i.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!/[\p{L}\p{N}]/u.test(parsed.hostname)) return null;
  // `https://bank.example@evil.example` leads to evil.example.
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.href.length > MAX_LINK_LENGTH) return null;
  return { href: parsed.href, host: parsed.host };
}

/** True only for http and https addresses with a host; see {@link openableAddress}. */
export function isOpenableLink(url: unknown): boolean {
  return openableAddress(url) !== null;
}

// A candidate runs up to white space or a character that cannot stand in an address
// unencoded (quotes, including German and French ones, and angle brackets).
const CANDIDATE = /(?:https?:\/\/|www\.)[^\s<>"„“”«»‹›]+/giu;
// Written in front of a candidate, these make it part of a longer word or address.
const JOINED_BEFORE = /[\p{L}\p{N}_@./:+-]/u;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '’', '‘', '…', '*']);
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** Drops sentence punctuation after an address; keeps a `)` that closes one inside it. */
function trimTrailing(candidate: string): string {
  let end = candidate;
  for (;;) {
    const last = end.slice(-1);
    const opening = CLOSING[last];
    if (TRAILING.has(last)) end = end.slice(0, -1);
    else if (opening !== undefined && count(end, last) > count(end, opening))
      end = end.slice(0, -1);
    else return end;
  }
}

/** Splits a message into plain text and links that may be offered for opening. */
export function splitMessage(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  const pushText = (text: string) => {
    if (text === '') return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === 'text') previous.text += text;
    else parts.push({ kind: 'text', text });
  };
  let consumed = 0;
  for (const match of message.matchAll(CANDIDATE)) {
    const start = match.index;
    const before = start > 0 ? message.slice(start - 1, start) : '';
    if (before !== '' && JOINED_BEFORE.test(before)) continue;
    const text = trimTrailing(match[0]);
    const bare = /^www\./i.test(text);
    const address = openableAddress(bare ? `https://${text}` : text);
    // `www.` alone, or `www.example`, is not yet an address.
    if (address === null || (bare && !/^www\.[^.]+\.[^.]/i.test(address.host))) continue;
    pushText(message.slice(consumed, start));
    parts.push({ kind: 'link', text, url: address.href });
    consumed = start + text.length;
  }
  pushText(message.slice(consumed));
  return parts;
}
