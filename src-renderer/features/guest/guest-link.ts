/**
 * What a guest page was opened with. The fragment leaves the address bar at once; the
 * invite is kept for this tab only, so that a reload knocks again. The ticket into the
 * call is never stored anywhere: it lives in memory for the call and is gone with it.
 */
import {
  parseInviteFragment,
  type Invite,
  type InviteProblem,
} from '../../../src-shared/invite-link';

const INVITE_KEY = 'augenhoehe.invite';

export type GuestEntry =
  | { kind: 'invite'; invite: Invite }
  | { kind: 'problem'; problem: InviteProblem }
  | { kind: 'none' };

export function takeGuestEntry(fragment: string = window.location.hash.slice(1)): GuestEntry {
  if (fragment) {
    history.replaceState(null, '', window.location.pathname);
    return entryFromFragment(fragment, true);
  }
  const stored = sessionStorage.getItem(INVITE_KEY);
  return stored ? entryFromFragment(stored, false) : { kind: 'none' };
}

/** A fragment from the address bar, or handed over by the desktop app's deep-link handler. */
export function entryFromFragment(fragment: string, remember: boolean): GuestEntry {
  const parsed = parseInviteFragment(fragment);
  if (!parsed.ok) return { kind: 'problem', problem: parsed.problem };
  if (remember) sessionStorage.setItem(INVITE_KEY, fragment);
  return { kind: 'invite', invite: parsed.invite };
}

/** Quick exit: nothing of this visit stays in the tab. */
export function forgetEverything(): void {
  sessionStorage.clear();
}
