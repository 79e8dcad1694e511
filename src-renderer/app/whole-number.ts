/**
 * What a whole-number field holds. The fields are text fields (`inputmode="numeric"`), not
 * `<input type="number">`: a number field makes Chromium load its locale's number formats,
 * about 0.8 MiB of ICU data that stays mapped in the page for the rest of its life, the
 * call included (README, "number fields as text"). A text field also avoids the number
 * field's known faults: a scroll wheel over it changes the value, it takes "e" and "-",
 * and its range check speaks in the browser's language, not the app's.
 */

/** Only the digits of what was typed or pasted: "1 2" and "12." both give "12". */
export function digitsOf(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, 9);
}

/** The number in `draft`, or null if it is empty or outside min..max. */
export function wholeNumberIn(draft: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(draft)) return null;
  const value = Number(draft);
  return value >= min && value <= max ? value : null;
}

/** One step up or down from `draft` (the arrow keys), kept within min..max. */
export function stepWholeNumber(draft: string, by: 1 | -1, min: number, max: number): number {
  const current = /^\d+$/.test(draft) ? Number(draft) : by > 0 ? min - 1 : max + 1;
  return Math.min(max, Math.max(min, current + by));
}
