import { logEvent } from '../platform/log';
import { de, type Messages } from './de';
import { translate, type Translate } from './translate';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

export const LANGUAGE_KEY = 'augenhoehe.language';

/** Where the choice of language is kept (see `initI18n`). */
export type LanguageKept = 'on-device' | 'in-tab';
let kept: LanguageKept = 'on-device';

const keptIn = (): Storage => (kept === 'in-tab' ? sessionStorage : localStorage);

function storedLanguage(): Language {
  try {
    return keptIn().getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

/**
 * German comes with the first load; English is a chunk of its own (about a quarter of the
 * first load's texts), fetched when someone has chosen it, or after the first screen is
 * painted (`preloadEnglish`), so the switch is at hand without slowing the welcome.
 */
let english: Promise<Messages> | undefined;
function loadEnglish(): Promise<Messages> {
  english ??= import('./en').then(
    (module) => module.en,
    (error: unknown) => {
      // The browser may let a later import succeed once the line is back; ask again then.
      english = undefined;
      logEvent('i18n.english_not_loaded');
      throw error;
    },
  );
  return english;
}

export function preloadEnglish(): void {
  loadEnglish().catch(() => {});
}

/** The texts at hand: German always, English once loaded. */
const catalogs: Partial<Record<Language, Messages>> = { de };
let language: Language = 'de';
const listeners = new Set<() => void>();

export function currentLanguage(): Language {
  return language;
}

/** Tells `listener` when the language changes (the page's texts then change with it). */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setLanguage(next: Language): void {
  if (next === language) return;
  language = next;
  document.documentElement.lang = next;
  for (const listener of [...listeners]) listener();
}

/** One `Translate` per language, so a component's `t` stays the same until it changes. */
const translators = new Map<Language, Translate>();
export function translatorFor(lang: Language): Translate {
  let t = translators.get(lang);
  if (!t) {
    // German fills in what the English texts lack.
    const chain = lang === 'en' && catalogs.en ? [catalogs.en, de] : [de];
    t = (key, values) => translate(chain, key, values);
    translators.set(lang, t);
  }
  return t;
}

/**
 * German unless the person chose English before (and it can be loaded): on this device, in
 * the worker's app; in this tab, on a guest's page. A guest's phone may be shared, and an
 * entry in the browser's local storage would outlast her visit and name the app
 * (docs/security-model.md, "A lost phone"); "Schnell verlassen" clears the tab's storage,
 * and the choice with it.
 */
export async function initI18n(keep: LanguageKept): Promise<void> {
  kept = keep;
  let lng = storedLanguage();
  if (lng === 'en') {
    try {
      catalogs.en = await loadEnglish();
    } catch {
      lng = 'de';
    }
  }
  language = lng;
  document.documentElement.lang = lng;
}

/**
 * Switches the page's language and keeps the choice (on the device or in the tab, see
 * `initI18n`). If English cannot be loaded (the line is down), the page stays as it was.
 */
export async function switchLanguage(next: Language): Promise<void> {
  if (next === 'en' && !catalogs.en) {
    try {
      catalogs.en = await loadEnglish();
    } catch {
      return;
    }
  }
  setLanguage(next);
  try {
    keptIn().setItem(LANGUAGE_KEY, next);
  } catch {
    // Private mode or blocked storage: the choice lasts for this page only.
  }
}
