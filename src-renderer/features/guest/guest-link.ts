/**
 * What a guest page was opened with, kept for this tab only so that a reload does not
 * lose it, and taken out of the address bar at once so that no token or key stays in the
 * browser history.
 */
import {
  parseInviteFragment,
  type Invite,
  type InviteProblem,
} from '../../../src-shared/invite-link';
import { parseJoinLink } from '../../livekit/join-link';
import { CallTicket } from '../../livekit/sealed-ticket';

const INVITE_KEY = 'augenhoehe.invite';
const TICKET_KEY = 'augenhoehe.call';

export type GuestEntry =
  | { kind: 'invite'; invite: Invite }
  /** Already admitted (a reload in the call), or a direct call link. */
  | { kind: 'call'; ticket: CallTicket; name?: string }
  | { kind: 'problem'; problem: InviteProblem }
  | { kind: 'none' };

export function takeGuestEntry(fragment: string = window.location.hash.slice(1)): GuestEntry {
  if (fragment) {
    history.replaceState(null, '', window.location.pathname);
    return entryFromFragment(fragment, true);
  }
  const ticket = readTicket();
  if (ticket) return ticket;
  const stored = sessionStorage.getItem(INVITE_KEY);
  return stored ? entryFromFragment(stored, false) : { kind: 'none' };
}

/** A fragment handed over by the desktop app's deep-link handler. */
export function entryFromFragment(fragment: string, remember: boolean): GuestEntry {
  const params = new URLSearchParams(fragment);
  if (params.get('v') === '1') {
    const direct = parseJoinLink(fragment);
    if (!direct.ok) return { kind: 'problem', problem: direct.problem };
    const { serverUrl, token, key } = direct.link;
    return { kind: 'call', ticket: { serverUrl, token, key, keyIndex: 0 } };
  }
  const parsed = parseInviteFragment(fragment);
  if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
  if (remember) {
    sessionStorage.setItem(INVITE_KEY, fragment);
    sessionStorage.removeItem(TICKET_KEY);
  }
  return { kind: 'invite', invite: parsed.invite };
}

export function rememberTicket(ticket: CallTicket, name: string): void {
  sessionStorage.setItem(TICKET_KEY, JSON.stringify({ ticket, name }));
}

export function forgetTicket(): void {
  sessionStorage.removeItem(TICKET_KEY);
}

function readTicket(): GuestEntry | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(TICKET_KEY) ?? 'null') as {
      ticket?: unknown;
      name?: unknown;
    } | null;
    const ticket = CallTicket.safeParse(stored?.ticket);
    if (!ticket.success) return null;
    return {
      kind: 'call',
      ticket: ticket.data,
      name: typeof stored?.name === 'string' ? stored.name : undefined,
    };
  } catch {
    return null;
  }
}

/** Quick exit: nothing of this visit stays in the tab. */
export function forgetEverything(): void {
  sessionStorage.clear();
}
