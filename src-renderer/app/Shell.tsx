import type { ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { switchLanguage } from '../i18n';

/** Header with the app's name, the language switch, and room for one more action. */
export function Shell({ children, action }: { children: ReactNode; action?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'de' : 'en';
  return (
    <div className="shell">
      <header className="shell-header">
        <div>
          <span className="brand">{t('app.name')}</span>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <div className="header-actions">
          <button
            type="button"
            className="link-button"
            lang={other}
            aria-label={t('app.switchLanguageLabel')}
            onClick={() => void switchLanguage(other)}
          >
            {t('app.switchLanguage')}
          </button>
          {action}
        </div>
      </header>
      <main className="shell-main">{children}</main>
    </div>
  );
}
