import { parseJoinLink, type ParsedJoinLink } from '../../livekit/join-link';

const STORAGE_KEY = 'augenhoehe.join-link';

/**
 * Reads the join link from the address and takes it out of the address bar, so the token
 * and key are not left in the browser history. A reload of the same tab still works.
 */
export function takeGuestLink(): ParsedJoinLink {
  const fragment = window.location.hash.slice(1);
  if (fragment) {
    history.replaceState(null, '', window.location.pathname);
    const parsed = parseJoinLink(fragment);
    if (parsed.ok) sessionStorage.setItem(STORAGE_KEY, fragment);
    return parsed;
  }
  return parseJoinLink(sessionStorage.getItem(STORAGE_KEY) ?? '');
}
