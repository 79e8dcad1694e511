/**
 * Who came, who went, whose hand went up, and who knocks: worked out from two snapshots,
 * without React, for the call screen's notices.
 */

export interface SeenPerson {
  identity: string;
  /** Null until their sealed hello arrived: nobody is announced without a checked name. */
  name: string | null;
  hand: boolean;
}

export type Arrival =
  | { kind: 'joined'; identity: string; name: string }
  | { kind: 'left'; identity: string; name: string }
  | { kind: 'hand'; identity: string; name: string };

/**
 * - joined: a name arrived for someone who came after me (those already here when I came
 *   are not announced one by one);
 * - left: someone with a name is gone;
 * - hand: a hand went up (not down: that needs no notice).
 */
export function arrivalsBetween(
  before: ReadonlyMap<string, SeenPerson>,
  after: ReadonlyMap<string, SeenPerson>,
  cameBeforeMe: (identity: string) => boolean,
): Arrival[] {
  const arrivals: Arrival[] = [];
  for (const [identity, person] of after) {
    if (!person.name) continue;
    const earlier = before.get(identity);
    if (!earlier?.name) {
      if (!cameBeforeMe(identity)) arrivals.push({ kind: 'joined', identity, name: person.name });
    } else if (person.hand && !earlier.hand) {
      arrivals.push({ kind: 'hand', identity, name: person.name });
    }
  }
  for (const [identity, person] of before) {
    if (person.name && !after.has(identity)) {
      arrivals.push({ kind: 'left', identity, name: person.name });
    }
  }
  return arrivals;
}

/** Guests in the waiting room now who were not there a moment ago. */
export function newKnocks<T extends { identity: string }>(
  before: ReadonlySet<string>,
  waiting: readonly T[],
): T[] {
  return waiting.filter((guest) => !before.has(guest.identity));
}

/** Guests who waited a moment ago and wait no longer (let in, turned away, gone). */
export function knocksOver(
  before: ReadonlySet<string>,
  waiting: readonly { identity: string }[],
): string[] {
  const still = new Set(waiting.map((guest) => guest.identity));
  return [...before].filter((identity) => !still.has(identity));
}
