import { useTranslation } from '../../i18n/useTranslation';

/** Tells the person, in words, whether their call is encrypted yet. */
export function EncryptionBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={active ? 'badge badge-secure' : 'badge'} role="status" data-encrypted={active}>
      {active && <LockIcon />}
      {active ? t('call.encrypted') : t('call.securing')}
    </span>
  );
}

// Drawn inline: no icon font, nothing fetched.
function LockIcon() {
  return (
    <svg
      className="badge-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 6V4.5a2 2 0 1 1 4 0V7H6Z"
      />
    </svg>
  );
}
