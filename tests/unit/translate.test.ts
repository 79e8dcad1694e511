import { describe, expect, it } from 'vitest';
import { de } from '../../src-renderer/i18n/de';
import { en } from '../../src-renderer/i18n/en';
import { pluralForm, translate } from '../../src-renderer/i18n/translate';

describe('the app texts, looked up and filled in', () => {
  const german = [de];
  const english = [en, de];

  it('finds nested texts by their dotted key, in the chosen language', () => {
    expect(translate(german, 'app.switchLanguage')).toBe('English');
    expect(translate(english, 'app.switchLanguage')).toBe('Deutsch');
  });

  it('fills in values and picks the form for the count', () => {
    expect(translate(german, 'chat.toggleLabel', { count: 1 })).toBe(
      'Chat, 1 ungelesene Nachricht',
    );
    expect(translate(german, 'chat.toggleLabel', { count: 3 })).toBe(
      'Chat, 3 ungelesene Nachrichten',
    );
    expect(translate(german, 'chat.toggleLabel', { count: 0 })).toBe(
      'Chat, 0 ungelesene Nachrichten',
    );
    expect(translate(english, 'present.pages', { count: 1 })).toBe('1 page');
    expect(translate(english, 'present.pages', { count: 12 })).toBe('12 pages');
  });

  it('takes German where the English texts lack one, and shows an unknown key as itself', () => {
    const partial = { app: { name: 'Augenhöhe (en)' } };
    expect(translate([partial, de], 'app.switchLanguage')).toBe('English');
    expect(translate([partial, de], 'app.name')).toBe('Augenhöhe (en)');
    expect(translate(english, 'no.such.text')).toBe('no.such.text');
    // A key that names a group of texts is not a text.
    expect(translate(english, 'app')).toBe('app');
  });

  it('leaves a placeholder without a value as written, and does not read inherited names', () => {
    const catalog = { greeting: 'Hallo {{ name }}, {{missing}} {{toString}}' };
    expect(translate([catalog], 'greeting', { name: 'Frau Berger' })).toBe(
      'Hallo Frau Berger, {{missing}} {{toString}}',
    );
    expect(translate([{ a: 'x' }], 'constructor')).toBe('constructor');
  });

  it('has one form for exactly one and another for every other count, in both languages', () => {
    expect([0, 1, 2, 1.5, 21].map(pluralForm)).toEqual(['other', 'one', 'other', 'other', 'other']);
  });
});
