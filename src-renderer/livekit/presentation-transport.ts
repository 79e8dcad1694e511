/**
 * Presenting on the call core: presentation messages and page images travel sealed on the
 * call's secure channel (a page image as the sealed attachment of a `present-page`
 * message, so a byte stream carries it), each handed over with the sender the channel
 * checked. Who may present is decided by the receiver (PresentationSession's `mayPresent`),
 * never by what a message says about itself.
 */
import type {
  PageHeader,
  PresentationMessage,
  PresentationTransport,
} from '../features/present/transport';
import type { CallSession } from './call-session';

/** How long a presenter's message may wait for the host's signed hello that vouches for them. */
const HOLD_MS = 10_000;
/** Held at most: a start, a page and its image are what a late joiner gets at once. */
const MAX_HELD = 8;

export function callPresentationTransport(call: CallSession): PresentationTransport {
  const { channel } = call;
  const hold = holdUntilAllowed(call);
  return {
    async send(message: PresentationMessage, to?: string[]) {
      await channel.send('present', message, { to });
    },
    onMessage(listener) {
      return channel.on('present', ({ body, from }) => {
        // A request for the current page may come from anyone; the rest only from presenters.
        if (body.type === 'sync') listener(body, from);
        else hold(from, () => listener(body, from));
      });
    },
    async sendPage(header: PageHeader, image: Uint8Array, to?: string[]) {
      // To those the call shows, never to everyone in the room: LiveKit would also hand a
      // page image to a guest waiting hidden behind her door (waiting-room.ts), who cannot
      // open it and whose phone should not download it. Whoever joins later gets the page
      // shown then (`onJoined`).
      const recipients = to ?? [...call.room.remoteParticipants.keys()];
      if (recipients.length === 0) return;
      await channel.send('present-page', header, { to: recipients, attachment: image });
    },
    onPage(listener) {
      return channel.on('present-page', ({ body, attachment, from }) => {
        if (attachment) hold(from, () => listener(body, attachment, from));
      });
    },
    onJoined(listener) {
      // Someone counts as joined once their sealed hello proved they hold the key: only
      // then can they read a page sent to them.
      return watchVerified(call, (identity, now) => {
        if (now) listener(identity);
      });
    },
    onLeft(listener) {
      return watchVerified(call, (identity, now) => {
        if (!now) listener(identity);
      });
    },
  };
}

/**
 * Someone let in late gets the current page at once, often before the host's signed hello
 * that says who the host is has been checked. Such messages wait (briefly, a few at most)
 * until the sender is known to be allowed to present, then go on in order; the check itself
 * stays with the receiver's PresentationSession.
 */
function holdUntilAllowed(call: CallSession) {
  let held: { from: string; until: number; deliver: () => void }[] = [];
  let stop: (() => void) | null = null;
  const release = () => {
    const now = Date.now();
    const waiting: typeof held = [];
    for (const entry of held) {
      if (call.mayPresent(entry.from)) entry.deliver();
      else if (entry.until > now) waiting.push(entry);
    }
    held = waiting;
    if (held.length === 0) {
      stop?.();
      stop = null;
    }
  };
  return (from: string, deliver: () => void) => {
    if (held.length === 0 && call.mayPresent(from)) return deliver();
    held = [...held, { from, until: Date.now() + HOLD_MS, deliver }].slice(-MAX_HELD);
    stop ??= call.subscribe(release);
    // Allowed already, but behind held messages: keep the order.
    if (call.mayPresent(from)) release();
  };
}

/** Calls back whenever a person becomes verified, or stops being so (left, locked out). */
function watchVerified(
  call: CallSession,
  changed: (identity: string, verified: boolean) => void,
): () => void {
  let before = verifiedIn(call);
  return call.subscribe(() => {
    const after = verifiedIn(call);
    for (const identity of after) if (!before.has(identity)) changed(identity, true);
    for (const identity of before) if (!after.has(identity)) changed(identity, false);
    before = after;
  });
}

function verifiedIn(call: CallSession): Set<string> {
  const verified = new Set<string>();
  for (const [identity, person] of call.snapshot.people) {
    if (person.trust === 'verified') verified.add(identity);
  }
  return verified;
}
