/**
 * What a guest page was opened with. The fragment leaves the address bar at once; the
 * invite is kept for this tab only, so that a reload knocks again. The ticket into the
 * call is never stored anywhere: it lives in memory for the call and is gone with it.
 * Nothing of the visit goes into the browser's local storage, which outlasts the tab.
 */
import {
  parseInviteFragment,
  type Invite,
  type InviteProblem,
} from '../../../src-shared/invite-link';
import { LANGUAGE_KEY } from '../../i18n';

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

/**
 * What earlier versions of the guest page left in the browser's local storage:
 * livekit-client's log levels (`loglevel:livekit-room` and the like) and the chosen
 * language. Removed on her next visit, and by quick exit.
 */
const isEarlierTrace = (key: string) => /^loglevel:(livekit|lk-)/.test(key) || key === LANGUAGE_KEY;

export function forgetEarlierTraces(): void {
  try {
    for (const key of Object.keys(localStorage))
      if (isEarlierTrace(key)) localStorage.removeItem(key);
  } catch {
    // Storage blocked: nothing can have been kept there either.
  }
}

/** Quick exit: nothing of this visit stays in the tab, nor anything an earlier one left. */
export function forgetEverything(): void {
  sessionStorage.clear();
  forgetEarlierTraces();
}
