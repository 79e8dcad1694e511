import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { logEvent } from '../platform/log';
import { de, type Messages } from './de';

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
  const resources: Partial<Record<Language, { translation: Messages }>> = {
    de: { translation: de },
  };
  if (lng === 'en') {
    try {
      resources.en = { translation: await loadEnglish() };
    } catch {
      lng = 'de';
    }
  }
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'de',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
}

/**
 * Switches the page's language and keeps the choice (on the device or in the tab, see
 * `initI18n`). If English cannot be loaded (the line is down), the page stays as it was.
 */
export async function switchLanguage(language: Language): Promise<void> {
  if (language === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    try {
      i18next.addResourceBundle('en', 'translation', await loadEnglish());
    } catch {
      return;
    }
  }
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    keptIn().setItem(LANGUAGE_KEY, language);
  } catch {
    // Private mode or blocked storage: the choice lasts for this page only.
  }
}
