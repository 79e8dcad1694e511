import { useEffect, useId, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { WholeNumberField } from '../../app/WholeNumberField';
import type { AppApi } from '../../../src-shared/api-surface';

/** The two periods, with the limits main enforces. */
const retentionFields = [
  { key: 'logRetentionDays', label: 'retention.logs', max: 90 },
  { key: 'noteRetentionDays', label: 'retention.notes', max: 365 },
] as const;

/** How long log files and outcome notes stay on this computer. */
export function RetentionSettings({ api }: { api: AppApi }) {
  const { t } = useTranslation();
  // A field's value is null while what is typed is out of its range.
  const [values, setValues] = useState<{
    logRetentionDays: number | null;
    noteRetentionDays: number | null;
  } | null>(null);
  const [status, setStatus] = useState<'saved' | 'failed' | 'disk-full' | null>(null);
  const id = useId();

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
          const { logRetentionDays, noteRetentionDays } = values;
          // Out of range: the field says why, and nothing is saved until it is fixed.
          if (logRetentionDays === null || noteRetentionDays === null) {
            const wrong = logRetentionDays === null ? 'logRetentionDays' : 'noteRetentionDays';
            document.getElementById(`${id}-${wrong}`)?.focus();
            setStatus(null);
            return;
          }
          void api.savePrivacySettings({ logRetentionDays, noteRetentionDays }).then((result) => {
            if (result.ok) setValues(result.value);
            if (result.ok) setStatus('saved');
            else setStatus(result.error.code === 'disk-full' ? 'disk-full' : 'failed');
          });
        }}
      >
        {retentionFields.map(({ key, label, max }) => (
          <div className="field" key={key}>
            <label htmlFor={`${id}-${key}`}>{t(label)}</label>
            <WholeNumberField
              id={`${id}-${key}`}
              min={1}
              max={max}
              value={values[key]}
              onChange={(value) => setValues({ ...values, [key]: value })}
            />
          </div>
        ))}
        <button type="submit">{t('retention.save')}</button>
        {status === 'saved' && <p role="status">{t('retention.saved')}</p>}
        {status === 'failed' && (
          <p className="alert" role="alert">
            {t('retention.failed')}
          </p>
        )}
        {status === 'disk-full' && (
          <p className="alert" role="alert">
            {t('errors.disk-full')}
          </p>
        )}
      </form>
    </section>
  );
}
