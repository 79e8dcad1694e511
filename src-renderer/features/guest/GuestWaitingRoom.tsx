import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { Invite } from '../../../src-shared/invite-link';
import { ProblemScreen } from '../../app/ProblemScreen';
import type { OneTimeKey } from '../../livekit/sealed-box';
import type { CallTicket } from '../../livekit/sealed-ticket';
import type { EarlyDoor } from '../waiting/early-door';
import { useWaitingRoomGuest } from '../waiting/useWaitingRoomGuest';
import { ScreenHeading } from '../../app/ScreenHeading';

/** The waiting room as the guest sees it (loaded after the welcome, with livekit-client). */
export function WaitingRoom(props: {
  invite: Invite;
  name: string;
  /** The waiting room joined ahead, while she checked her devices. */
  door?: EarlyDoor | null;
  sentBack: boolean;
  onAdmitted: (ticket: CallTicket, oneTimeKey: OneTimeKey) => void;
  /** `revoked`: the host withdrew this link itself. */
  onDeclined: (revoked: boolean) => void;
  onUsed: () => void;
  onLeft: () => void;
}) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const {
    state: waiting,
    lobby,
    leave,
  } = useWaitingRoomGuest(props.invite, props.name, attempt, props.door);
  const { onAdmitted, onDeclined, onUsed } = props;
  const admittedWith = waiting.phase === 'admitted' ? waiting.ticket : null;

  useEffect(() => {
    if (admittedWith && lobby) {
      void lobby.oneTimeKey.then((key) => onAdmitted(admittedWith, key));
    }
  }, [admittedWith, lobby, onAdmitted]);
  const revoked = waiting.phase === 'declined' && waiting.revoked === true;
  useEffect(() => {
    if (waiting.phase === 'declined') onDeclined(revoked);
    if (waiting.phase === 'used') onUsed();
  }, [waiting.phase, revoked, onDeclined, onUsed]);

  if (waiting.phase === 'admitted' || waiting.phase === 'declined' || waiting.phase === 'used')
    return null;
  if (waiting.phase === 'failed') {
    return <ProblemScreen problem={waiting.failure} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  return (
    <section className="panel" aria-labelledby="waiting-heading">
      <ScreenHeading id="waiting-heading">{t('guest.waitingHeading')}</ScreenHeading>
      {props.sentBack && <p role="status">{t('guest.sentBack')}</p>}
      <p role="status" className="waiting-message">
        {waiting.phase === 'connecting'
          ? t('guest.connecting')
          : waiting.phase === 'host-absent'
            ? t('guest.waitingForHost')
            : t('guest.waiting')}
      </p>
      <button type="button" onClick={() => void leave().finally(props.onLeft)}>
        {t('guest.leaveWaiting')}
      </button>
    </section>
  );
}
