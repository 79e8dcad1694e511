import { useTranslation } from '../../i18n/useTranslation';

/**
 * The safety code everyone in the call sees. Read aloud and compared, it shows that no one
 * sits in between; it changes whenever the call's key changes. Messages the app refused
 * (not sealed for this call, replayed, or a control message without the host's signature)
 * are counted here, so a tampering server does not go unnoticed.
 */
export function SafetyCode({ code, rejected }: { code: string | null; rejected: number }) {
  const { t } = useTranslation();
  if (!code) return null;
  return (
    <details className="safety-code">
      <summary>
        {t('call.safetyCode')} <span className="code">{code}</span>
      </summary>
      <p>{t('call.safetyCodeExplain')}</p>
      <p role="status" className="hint">
        {rejected === 0 ? t('call.rejectedNone') : t('call.rejected', { count: rejected })}
      </p>
    </details>
  );
}
