import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppApi } from '../../../src-shared/api-surface';

/** How long log files and outcome notes stay on this computer. */
export function RetentionSettings({ api }: { api: AppApi }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<{
    logRetentionDays: number;
    noteRetentionDays: number;
  } | null>(null);
  const [status, setStatus] = useState<'saved' | 'failed' | null>(null);
  const ids = { logs: useId(), notes: useId() };

  useEffect(() => {
    let current = true;
    void api.getPrivacySettings().then((result) => {
      if (current && result.ok) setValues(result.value);
    });
    return () => {
      current = false;
    };
  }, [api]);

  if (!values) return null;
  return (
    <section className="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('retention.heading')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void api.savePrivacySettings(values).then((result) => {
            if (result.ok) setValues(result.value);
            setStatus(result.ok ? 'saved' : 'failed');
          });
        }}
      >
        <div className="field">
          <label htmlFor={ids.logs}>{t('retention.logs')}</label>
          <input
            id={ids.logs}
            className="number-field"
            type="number"
            min={1}
            max={90}
            value={values.logRetentionDays}
            onChange={(e) =>
              setValues({ ...values, logRetentionDays: Math.round(Number(e.target.value) || 1) })
            }
          />
        </div>
        <div className="field">
          <label htmlFor={ids.notes}>{t('retention.notes')}</label>
          <input
            id={ids.notes}
            className="number-field"
            type="number"
            min={1}
            max={365}
            value={values.noteRetentionDays}
            onChange={(e) =>
              setValues({ ...values, noteRetentionDays: Math.round(Number(e.target.value) || 1) })
            }
          />
        </div>
        <button type="submit">{t('retention.save')}</button>
        {status === 'saved' && <p role="status">{t('retention.saved')}</p>}
        {status === 'failed' && (
          <p className="alert" role="alert">
            {t('retention.failed')}
          </p>
        )}
      </form>
    </section>
  );
}
