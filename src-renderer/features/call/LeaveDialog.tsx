import { useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { useModal } from './useModal';

export interface LeaveDialogProps {
  onLeave: () => void;
  /** Host only: ends the call for everyone. */
  onEndForAll?: () => void;
  onStay: () => void;
}

/** Leaving asks once. The host chooses: only I go, or the call ends for everyone. */
export function LeaveDialog({ onLeave, onEndForAll, onStay }: LeaveDialogProps) {
  const { t } = useTranslation();
  const dialog = useModal(onStay);
  const stay = useRef<HTMLButtonElement>(null);
  // Staying is the safe default.
  useEffect(() => stay.current?.focus(), []);
  return (
    <dialog
      ref={dialog}
      className="call-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="leave-heading"
      aria-describedby="leave-text"
    >
      <h2 id="leave-heading">{t('screen.leave.heading')}</h2>
      <p id="leave-text">
        {onEndForAll ? t('screen.leave.hostText') : t('screen.leave.guestText')}
      </p>
      <div className="row">
        {onEndForAll ? (
          <>
            <button type="button" onClick={onLeave}>
              {t('screen.leave.onlyMe')}
            </button>
            <button type="button" className="danger" onClick={onEndForAll}>
              {t('screen.leave.endForAll')}
            </button>
          </>
        ) : (
          <button type="button" className="danger" onClick={onLeave}>
            {t('screen.leave.confirm')}
          </button>
        )}
        <button ref={stay} type="button" onClick={onStay}>
          {t('screen.leave.stay')}
        </button>
      </div>
    </dialog>
  );
}
