import { describe, expect, it } from 'vitest';
import { clockTime } from '../../src-renderer/i18n/dates';

describe("the chat's clock", () => {
  it('gives hours and minutes on the 24-hour clock, two digits each', () => {
    expect(clockTime(new Date(2026, 11, 4, 9, 5).getTime())).toBe('09:05');
    expect(clockTime(new Date(2026, 11, 4, 0, 0, 59).getTime())).toBe('00:00');
    expect(clockTime(new Date(2026, 11, 4, 23, 59).getTime())).toBe('23:59');
  });

  it('reads as Intl would have written it, in German and in English', () => {
    const intl = ['de', 'en'].map(
      (language) =>
        new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    );
    for (let minute = 0; minute < 24 * 60; minute += 7) {
      const at = new Date(2026, 2, 29, 0, minute).getTime();
      for (const format of intl) expect(clockTime(at)).toBe(format.format(at));
    }
  });
});
