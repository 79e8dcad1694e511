/**
 * Times and dates as the app's screens show them, written out the way
 * `toLocaleTimeString` / `toLocaleDateString` give them in German and in English.
 *
 * Written out rather than asked of `Intl`: the first date a page formats through `Intl`
 * makes the browser read its calendar and time-zone data, and those pages of the ICU data
 * file then stay with the page for as long as it runs (2.1 MiB on the host's page through
 * every call, where Meet's pages and the guest's hold none; README, "dates without Intl,
 * and where the host's memory goes"). The chat's clock was the first (README, "the chat's
 * clock without Intl").
 */
import type { Language } from './index';

const names = {
  de: {
    weekdays: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    months: [
      'Januar',
      'Februar',
      'März',
      'April',
      'Mai',
      'Juni',
      'Juli',
      'August',
      'September',
      'Oktober',
      'November',
      'Dezember',
    ],
  },
  en: {
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
  },
} satisfies Record<Language, { weekdays: string[]; months: string[] }>;

const two = (value: number) => String(value).padStart(2, '0');

/** English if the page speaks it, German otherwise (the app's default). */
function languageOf(language: string): Language {
  return language.startsWith('en') ? 'en' : 'de';
}

/**
 * A chat message's time, "09:05": hours and minutes on the 24-hour clock in both
 * languages, as `Intl.DateTimeFormat` gives them with `hourCycle: 'h23'`.
 */
export function clockTime(at: number): string {
  const date = new Date(at);
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** "09:05" in German; "09:05 AM" in English (`{ hour: '2-digit', minute: '2-digit' }`). */
export function timeOfDay(at: Date, language: string): string {
  if (languageOf(language) === 'de') return clockTime(at.getTime());
  const hours = at.getHours();
  return `${two(hours % 12 || 12)}:${two(at.getMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/**
 * "Montag, 7. Dezember" in German, "Monday, December 7" in English
 * (`{ weekday: 'long', day: 'numeric', month: 'long' }`).
 */
export function weekdayAndDate(at: Date, language: string): string {
  const lang = languageOf(language);
  const weekday = names[lang].weekdays[at.getDay()];
  const month = names[lang].months[at.getMonth()];
  return lang === 'de'
    ? `${weekday}, ${at.getDate()}. ${month}`
    : `${weekday}, ${month} ${at.getDate()}`;
}

/**
 * "07.12.2026" in German, "12/07/2026" in English
 * (`{ day: '2-digit', month: '2-digit', year: 'numeric' }`).
 */
export function numericDate(at: Date, language: string): string {
  const day = two(at.getDate());
  const month = two(at.getMonth() + 1);
  return languageOf(language) === 'de'
    ? `${day}.${month}.${at.getFullYear()}`
    : `${month}/${day}/${at.getFullYear()}`;
}
