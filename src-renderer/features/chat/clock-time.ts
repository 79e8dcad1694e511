/**
 * A message's time as the chat shows it, "09:05": hours and minutes on the 24-hour clock, as
 * `Intl.DateTimeFormat` gives them in German and in English with `hourCycle: 'h23'`.
 *
 * Written out rather than asked of `Intl`: making a DateTimeFormat reads the browser's
 * calendar and time-zone data, and on a guest's page in a call that was 1 MiB of memory
 * (the ICU data's pages it touched) for a clock that reads the same in both languages
 * (README, "The chat's clock without Intl").
 */
export function clockTime(at: number): string {
  const date = new Date(at);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}
