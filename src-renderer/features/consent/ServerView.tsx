import type { Room } from 'livekit-client';
import { useTranslation } from '../../i18n/useTranslation';
import { useRemoteParticipants } from '../call/room-hooks';

/**
 * "Was der Server sehen kann": for this session, what the server operator can and cannot
 * learn. The facts come from the room itself, so the list matches what is happening.
 */
export function ServerView({ room }: { room: Room | null }) {
  const { t } = useTranslation();
  const people = useRemoteParticipants(room).length + 1;
  return (
    <details className="server-view">
      <summary>{t('serverView.summary')}</summary>
      <h3>{t('serverView.canHeading')}</h3>
      <ul>
        <li>{t('serverView.canIds')}</li>
        <li>{t('serverView.canCount', { count: people })}</li>
        <li>{t('serverView.canTimes')}</li>
        <li>{t('serverView.canAddresses')}</li>
        <li>{t('serverView.canTracks')}</li>
      </ul>
      <h3>{t('serverView.cannotHeading')}</h3>
      <ul>
        <li>{t('serverView.cannotNames')}</li>
        <li>{t('serverView.cannotContent')}</li>
        <li>{t('serverView.cannotChat')}</li>
        <li>{t('serverView.cannotLink')}</li>
        <li>{t('serverView.noRecording')}</li>
      </ul>
    </details>
  );
}
