import { useMemo, useSyncExternalStore } from 'react';
import { currentLanguage, onLanguageChange, translatorFor, type Language } from './index';
import type { Translate } from './translate';

/**
 * The page's texts for a component: `t('call.waiting')`, and the language they are in.
 * The component renders again when the person switches the language.
 */
export function useTranslation(): { t: Translate; i18n: { language: Language } } {
  const language = useSyncExternalStore(onLanguageChange, currentLanguage);
  return useMemo(() => ({ t: translatorFor(language), i18n: { language } }), [language]);
}
