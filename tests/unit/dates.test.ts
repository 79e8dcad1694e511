import { describe, expect, it } from 'vitest';
import { numericDate, timeOfDay, weekdayAndDate } from '../../src-renderer/i18n/dates';

/** Every 7 hours and 13 minutes through a year: every weekday, month and hour comes by. */
function throughTheYear(): Date[] {
  const dates: Date[] = [];
  for (let at = new Date(2026, 0, 1).getTime(); at < new Date(2027, 0, 2).getTime();)
    dates.push(new Date((at += (7 * 60 + 13) * 60_000)));
  return dates;
}

describe('dates written out as Intl writes them', () => {
  for (const language of ['de', 'en']) {
    it(`times of day, ${language}`, () => {
      for (const date of throughTheYear())
        expect(timeOfDay(date, language)).toBe(
          date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' }),
        );
    });

    it(`weekday and date, ${language}`, () => {
      for (const date of throughTheYear())
        expect(weekdayAndDate(date, language)).toBe(
          date.toLocaleDateString(language, { weekday: 'long', day: 'numeric', month: 'long' }),
        );
    });

    it(`numeric dates, ${language}`, () => {
      for (const date of throughTheYear())
        expect(numericDate(date, language)).toBe(
          date.toLocaleDateString(language, { day: '2-digit', month: '2-digit', year: 'numeric' }),
        );
    });
  }

  it('midnight, noon and a German date, by example', () => {
    expect(timeOfDay(new Date(2026, 11, 4, 0, 5), 'en')).toBe('12:05 AM');
    expect(timeOfDay(new Date(2026, 11, 4, 12, 0), 'en')).toBe('12:00 PM');
    expect(timeOfDay(new Date(2026, 11, 4, 0, 5), 'de')).toBe('00:05');
    expect(weekdayAndDate(new Date(2026, 11, 7), 'de')).toBe('Montag, 7. Dezember');
    expect(numericDate(new Date(2026, 2, 1), 'de')).toBe('01.03.2026');
  });
});
