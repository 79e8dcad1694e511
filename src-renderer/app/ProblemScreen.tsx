import { useTranslation } from '../i18n/useTranslation';
import type { Messages } from '../i18n/de';
import { ScreenHeading } from './ScreenHeading';

export type Problem = Exclude<keyof Messages['errors'], 'heading' | 'retry'>;

/** A plain explanation and, where it can help, a way forward. */
export function ProblemScreen({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="problem-heading">
      <ScreenHeading id="problem-heading">{t('errors.heading')}</ScreenHeading>
      <p role="alert">{t(`errors.${problem}`)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </section>
  );
}
