import { useTranslation } from '../../i18n/useTranslation';
import { forgetEverything } from './guest-link';

/** Where quick exit lands: an empty page of our own, so no third party learns of the visit. */
export const NEUTRAL_PAGE = '/neutral.html';

/**
 * For people who must hide that they are in counselling: leaves at once, forgets the
 * link, and replaces the page (and its history entry) with a neutral one.
 */
export function QuickExit({ onExit }: { onExit: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="quick-exit"
      aria-label={t('app.quickExitLabel')}
      onClick={() => {
        onExit();
        forgetEverything();
        window.location.replace(NEUTRAL_PAGE);
      }}
    >
      {t('app.quickExit')}
    </button>
  );
}
