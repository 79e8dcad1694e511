/**
 * When invite links end, said the way the host chose it: "heute bis 23:59 Uhr" for links
 * that last until tonight, "bis Montag, 7. Dezember, 09:30 Uhr" for a week. Main lets a
 * "tonight" link run to midnight (the first second of the next day): said as 23:59 today.
 */
import { timeOfDay, weekdayAndDate } from '../../i18n/dates';

export type ExpiryWords =
  | { kind: 'today'; time: string }
  | { kind: 'tomorrow'; time: string }
  | { kind: 'date'; date: string; time: string };

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** `expiresAt` in seconds since the epoch, `now` in milliseconds; local time. */
export function expiryWords(expiresAt: number, now: number, locale: string): ExpiryWords {
  let end = new Date(expiresAt * 1000);
  if (end.getHours() === 0 && end.getMinutes() === 0 && end.getSeconds() === 0) {
    end = new Date(end.getTime() - 60_000);
  }
  const time = timeOfDay(end, locale);
  // Whole calendar days, so a change to or from summer time does not shift the word.
  const days = Math.round((startOfDay(end) - startOfDay(new Date(now))) / 86_400_000);
  if (days <= 0) return { kind: 'today', time };
  if (days === 1) return { kind: 'tomorrow', time };
  return { kind: 'date', date: weekdayAndDate(end, locale), time };
}
