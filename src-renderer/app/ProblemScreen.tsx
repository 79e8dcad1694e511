import { useTranslation } from 'react-i18next';
import type { Messages } from '../i18n/de';

export type Problem = Exclude<keyof Messages['errors'], 'heading' | 'retry'>;

/** A plain explanation and, where it can help, a way forward. */
export function ProblemScreen({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="problem-heading">
      <h1 id="problem-heading">{t('errors.heading')}</h1>
      <p role="alert">{t(`errors.${problem}`)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </section>
  );
}
