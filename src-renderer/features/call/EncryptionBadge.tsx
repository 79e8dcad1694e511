import { useTranslation } from 'react-i18next';

/** Tells the person, in words, whether their call is encrypted yet. */
export function EncryptionBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={active ? 'badge badge-secure' : 'badge'} role="status" data-encrypted={active}>
      <span aria-hidden="true">{active ? '🔒' : '…'}</span> {active ? t('call.encrypted') : t('call.securing')}
    </span>
  );
}
