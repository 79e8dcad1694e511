import { useTranslation } from '../../i18n/useTranslation';
import './storage.css';

/**
 * Shown on the first screen when no OS keychain answered: what the app cannot keep, and
 * what to do. Never silent: without it, a restart would quietly lose the day's work.
 */
export function KeychainNotice() {
  const { t } = useTranslation();
  return (
    <section className="panel keychain-notice" aria-labelledby="keychain-missing-heading">
      <h2 id="keychain-missing-heading">{t('storage.keychainMissingHeading')}</h2>
      <p>{t('storage.keychainMissingIntro')}</p>
      <ul className="facts">
        <li>{t('storage.keychainMissingConsultations')}</li>
        <li>{t('storage.keychainMissingNotes')}</li>
        <li>{t('storage.keychainMissingServer')}</li>
      </ul>
      <p>{t('storage.keychainMissingEarlier')}</p>
      <p className="hint">{t('storage.keychainMissingHelp')}</p>
    </section>
  );
}
