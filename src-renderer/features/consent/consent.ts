/**
 * What each person in a call has agreed to. Everyone keeps their own log and shares it,
 * encrypted, with the room; nobody can change another person's entries.
 */
import { z } from '../../platform/zod';

export const consentPurposes = [
  'joining',
  'camera',
  'microphone',
  'screen',
  'home-view',
  'notes',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const ConsentEvent = z.object({
  purpose: z.enum(consentPurposes),
  /** requested: someone asked; agreed/declined: the person answered; withdrawn: they took it back. */
  state: z.enum(['requested', 'agreed', 'declined', 'withdrawn', 'announced']),
  /** Milliseconds since the epoch, on the sender's clock. */
  at: z.int().check(z.gte(0)),
});
export type ConsentEvent = z.infer<typeof ConsentEvent>;

/** The latest state of each purpose, for the panel. */
export function currentConsent(
  events: readonly ConsentEvent[],
): Partial<Record<ConsentPurpose, ConsentEvent>> {
  const current: Partial<Record<ConsentPurpose, ConsentEvent>> = {};
  for (const event of events) {
    const previous = current[event.purpose];
    if (!previous || previous.at <= event.at) current[event.purpose] = event;
  }
  return current;
}

/** Whole minutes since the session began, never negative (clocks differ a little). */
export function sessionMinute(at: number, sessionStart: number): number {
  return Math.max(0, Math.floor((at - sessionStart) / 60_000));
}
