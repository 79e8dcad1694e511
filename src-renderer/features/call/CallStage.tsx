import { RoomAudioRenderer, RoomContext, useRemoteParticipants } from '@livekit/components-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemScreen } from '../../app/ProblemScreen';
import { CallControls } from './CallControls';
import { EncryptionBadge } from './EncryptionBadge';
import type { EncryptedCallState } from './useEncryptedCall';
import { VideoStage } from './VideoStage';

export interface CallStageActions {
  onLeave: () => void;
  onRetry: () => void;
  /** Host only: takes someone out of the call and back to the waiting room. */
  sendBack?: (identity: string) => void;
}

export type CallStageProps = { call: EncryptedCallState; aside?: ReactNode } & CallStageActions;

/** The call as everyone sees it; what differs for the host comes in as actions and `aside`. */
export function CallStage({ call, aside, onLeave, onRetry, sendBack }: CallStageProps) {
  const { t } = useTranslation();

  if (call.phase === 'failed')
    return <ProblemScreen problem={call.failure ?? 'internal'} onRetry={onRetry} />;
  if (!call.room) {
    return (
      <p className="status" role="status">
        {t('call.connecting')}
      </p>
    );
  }
  const room = call.room;
  return (
    <RoomContext.Provider value={room}>
      <div className={aside ? 'call-layout with-aside' : 'call-layout'}>
        <section className="call" aria-label={t('app.name')}>
          <div className="call-status">
            <EncryptionBadge active={call.phase === 'ready'} />
            {call.phase === 'connecting' && <span role="status">{t('call.connecting')}</span>}
            {call.reconnecting && <span role="status">{t('call.reconnecting')}</span>}
          </div>
          <CallAlerts call={call} />
          <VideoStage names={call.names} />
          <RoomAudioRenderer />
          <CallControls
            ready={call.phase === 'ready'}
            onLeave={() => void room.disconnect().finally(onLeave)}
          />
        </section>
        {(aside || sendBack) && (
          <aside className="call-aside">
            {aside}
            {sendBack && <Participants names={call.names} sendBack={sendBack} />}
          </aside>
        )}
      </div>
    </RoomContext.Provider>
  );
}

function CallAlerts({ call }: { call: EncryptedCallState }) {
  const { t } = useTranslation();
  const remotes = useRemoteParticipants();
  const undecryptable = remotes.filter((p) => call.undecryptable.has(p.identity)).length;
  return (
    <>
      {undecryptable > 0 && (
        <p className="alert" role="alert">
          {undecryptable === remotes.length ? t('call.cannotDecrypt') : t('call.cannotDecryptSome')}
        </p>
      )}
      {call.deviceProblem && (
        <p className="alert" role="alert">
          {t('call.deviceDenied')}
        </p>
      )}
    </>
  );
}

function Participants({
  names,
  sendBack,
}: {
  names: ReadonlyMap<string, string>;
  sendBack: (identity: string) => void;
}) {
  const { t } = useTranslation();
  const remotes = useRemoteParticipants();
  if (remotes.length === 0) return null;
  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('call.participants')}</h2>
      <ul className="people">
        {remotes.map((participant) => {
          const name = names.get(participant.identity) ?? t('call.other');
          return (
            <li key={participant.identity}>
              <span>{name}</span>
              <button
                type="button"
                aria-label={t('call.sendBackLabel', { name })}
                onClick={() => sendBack(participant.identity)}
              >
                {t('call.sendBack')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
