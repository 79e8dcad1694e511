/**
 * Finds a text and fills it in, the way the app's texts are written (`de.ts`, `en.ts`):
 * keys nested in objects and named with dots (`call.waiting`), `{{name}}` for a value,
 * and `_one` / `_other` after a key where the text depends on a count.
 *
 * The app's own, not a library's: this is all it uses of one, and a library for it
 * (i18next) was a sixth of the first load's JavaScript and resolved plurals through
 * `Intl.PluralRules`, which maps about 0.4 MiB of ICU data into every page that shows a
 * count (README, "texts without i18next").
 */

/** A language's texts: strings, in objects nested as deep as the texts are grouped. */
export interface Catalog {
  readonly [key: string]: string | Catalog;
}

/** The values a text is filled in with; `count` also picks the plural form. */
export type TextValues = Readonly<Record<string, unknown>>;

export type Translate = (key: string, values?: TextValues) => string;

/**
 * German and English have the same two forms for a count: one for exactly 1, the other for
 * everything else (0, 2, 1.5). No other language is offered.
 */
export function pluralForm(count: number): 'one' | 'other' {
  return count === 1 ? 'one' : 'other';
}

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, part) ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

const PLACEHOLDER = /{{\s*([\w.]+)\s*}}/g;

/** Puts each value in its place; a placeholder without a value stays as written. */
function fillIn(text: string, values: TextValues | undefined): string {
  if (!values || !text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined || value === null ? placeholder : String(value);
  });
}

/**
 * The text for `key` in the first catalog that has it (the chosen language, then German),
 * filled in. With a numeric `count`, `key_one` or `key_other` comes before `key`. A key
 * no catalog has comes back as itself, so a missing text shows as what it is.
 */
export function translate(catalogs: readonly Catalog[], key: string, values?: TextValues): string {
  const count = values?.count;
  const candidates =
    typeof count === 'number' ? [`${key}_${pluralForm(count)}`, `${key}_other`, key] : [key];
  for (const catalog of catalogs) {
    for (const candidate of candidates) {
      const text = lookup(catalog, candidate);
      if (text !== undefined) return fillIn(text, values);
    }
  }
  return key;
}
