import { RoomAudioRenderer, RoomContext, useRemoteParticipants } from '@livekit/components-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemScreen } from '../../app/ProblemScreen';
import { ConsentPanel } from '../consent/ConsentPanel';
import { HomeViewPrompt, HomeViewRequestButton } from '../consent/HomeView';
import { ServerView } from '../consent/ServerView';
import { CallControls } from './CallControls';
import { EncryptionBadge } from './EncryptionBadge';
import type { EncryptedCallActions, EncryptedCallState } from './useEncryptedCall';
import { VideoStage } from './VideoStage';

export interface CallStageActions {
  onLeave: () => void;
  onRetry: () => void;
  /** Host only: takes someone out of the call and back to the waiting room. */
  sendBack?: (identity: string) => void;
  /** Host only: asks someone to show their surroundings. */
  requestHomeView?: (identity: string, reason: string) => void;
}

export type CallStageProps = {
  call: EncryptedCallState & EncryptedCallActions;
  /** Host only: the waiting room, notes. */
  aside?: ReactNode;
  /** Beside the call for everyone: the chat. */
  sidebar?: ReactNode;
} & CallStageActions;

/** The call as everyone sees it; what differs for the host comes in as actions and `aside`. */
export function CallStage({ call, aside, sidebar, onLeave, onRetry, sendBack, requestHomeView }: CallStageProps) {
  const { t } = useTranslation();

  if (call.phase === 'failed') return <ProblemScreen problem={call.failure ?? 'internal'} onRetry={onRetry} />;
  if (!call.room) {
    return (
      <p className="status" role="status">
        {t('call.connecting')}
      </p>
    );
  }
  const room = call.room;
  const host = sendBack !== undefined;
  return (
    <RoomContext.Provider value={room}>
      <div className={host || sidebar ? 'call-layout with-aside' : 'call-layout'}>
        <section className="call" aria-label={t('app.name')}>
          <div className="call-status">
            <EncryptionBadge active={call.phase === 'ready'} />
            {call.phase === 'connecting' && <span role="status">{t('call.connecting')}</span>}
            {call.reconnecting && <span role="status">{t('call.reconnecting')}</span>}
          </div>
          <CallAlerts call={call} />
          <HomeViewPrompt call={call} />
          <VideoStage names={call.names} />
          <RoomAudioRenderer />
          <CallControls
            ready={call.phase === 'ready'}
            camera={call.camera}
            microphone={call.microphone}
            setCamera={call.setCamera}
            setMicrophone={call.setMicrophone}
            onLeave={() => void room.disconnect().finally(onLeave)}
          />
          {!host && <ConsentPanel call={call} />}
          <ServerView />
        </section>
        {(host || sidebar) && (
          <aside className="call-aside">
            {aside}
            {sendBack && <Participants names={call.names} sendBack={sendBack} requestHomeView={requestHomeView} />}
            {host && <ConsentPanel call={call} />}
            {sidebar}
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

function Participants(props: {
  names: ReadonlyMap<string, string>;
  sendBack: (identity: string) => void;
  requestHomeView?: (identity: string, reason: string) => void;
}) {
  const { t } = useTranslation();
  const remotes = useRemoteParticipants();
  if (remotes.length === 0) return null;
  return (
    <section aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('call.participants')}</h2>
      <ul className="people">
        {remotes.map((participant) => {
          const name = props.names.get(participant.identity) ?? t('call.other');
          const { requestHomeView } = props;
          return (
            <li key={participant.identity}>
              <span>{name}</span>
              <span className="row">
                <button
                  type="button"
                  aria-label={t('call.sendBackLabel', { name })}
                  onClick={() => props.sendBack(participant.identity)}
                >
                  {t('call.sendBack')}
                </button>
                {requestHomeView && (
                  <HomeViewRequestButton name={name} onRequest={(reason) => requestHomeView(participant.identity, reason)} />
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
