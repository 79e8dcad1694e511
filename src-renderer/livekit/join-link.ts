/**
 * A direct call link: server, call token and call key in the fragment. Nobody is sent one:
 * a guest's page writes it for itself once the host has let them in, so that reloading
 * the tab goes straight back into the call. Holding one means having been admitted.
 */
import { tokenExpiry } from '../../src-shared/base64url';
import { isCallKey } from './call-key';

export const JOIN_LINK_VERSION = '1';

export interface JoinLink {
  serverUrl: string;
  token: string;
  key: string;
  /** Seconds since the epoch, read from the token. */
  expiresAt: number;
}

export type JoinLinkProblem = 'link-malformed' | 'link-expired' | 'link-unsupported';
export type ParsedJoinLink = { ok: true; link: JoinLink } | { ok: false; problem: JoinLinkProblem };

export function formatJoinLink(pageUrl: string, link: Omit<JoinLink, 'expiresAt'>): string {
  const fragment = new URLSearchParams({
    v: JOIN_LINK_VERSION,
    s: link.serverUrl,
    t: link.token,
    k: link.key,
  });
  return `${pageUrl.replace(/#.*$/, '')}#${fragment.toString()}`;
}

function isServerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'wss:' || url.protocol === 'ws:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** Never throws: any input gives a link or a problem the guest page can explain. */
export function parseJoinLink(
  fragment: string,
  nowSeconds: number = Date.now() / 1000,
): ParsedJoinLink {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(fragment.replace(/^#/, ''));
  } catch {
    return { ok: false, problem: 'link-malformed' };
  }
  const version = params.get('v');
  if (version === null) return { ok: false, problem: 'link-malformed' };
  if (version !== JOIN_LINK_VERSION) return { ok: false, problem: 'link-unsupported' };
  const serverUrl = params.get('s') ?? '';
  const token = params.get('t') ?? '';
  const key = params.get('k') ?? '';
  const expiresAt = tokenExpiry(token);
  if (!isServerUrl(serverUrl) || expiresAt === null || !isCallKey(key)) {
    return { ok: false, problem: 'link-malformed' };
  }
  if (expiresAt <= nowSeconds) return { ok: false, problem: 'link-expired' };
  return { ok: true, link: { serverUrl, token, key, expiresAt } };
}
