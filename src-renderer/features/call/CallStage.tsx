import { RoomContext } from '@livekit/components-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemScreen } from '../../app/ProblemScreen';
import { ChatSidebar, ChatToggle } from '../chat/ChatSidebar';
import { useChat } from '../chat/useChat';
import { ConnectionBanner, MyQuality } from '../connection/ConnectionBanner';
import { ConsentPanel } from '../consent/ConsentPanel';
import { HomeViewPrompt } from '../consent/HomeView';
import { DeviceRequestPrompt } from '../people/DeviceRequestPrompt';
import { ParticipantList } from '../people/ParticipantList';
import { ServerView } from '../consent/ServerView';
import { CallControls } from './CallControls';
import { EncryptionBadge } from './EncryptionBadge';
import { SafetyCode } from './SafetyCode';
import type { CallView } from './useCallSession';
import { VerifiedAudio, VideoStage } from './VideoStage';

export interface CallStageActions {
  onLeave: () => void;
  onRetry: () => void;
  /** Opens a confirmed chat link: system browser (desktop) or a new tab (guest page). */
  openLink: (url: string) => void;
  /** Host only: copies a chat message into the outcome notes. */
  takeIntoNotes?: (text: string) => void;
  /** Host only: takes someone out of the call and back to the waiting room. */
  sendBack?: (identity: string) => void;
  /** Host only: asks someone to show their surroundings. */
  requestHomeView?: (identity: string, reason: string) => void;
}

export type CallStageProps = {
  call: CallView;
  /** Host only: the waiting room, notes. */
  aside?: ReactNode;
  /** Below the video for everyone (the guest's outcome prompts). */
  sidebar?: ReactNode;
} & CallStageActions;

/** The call as everyone sees it; what differs for the host comes in as actions and `aside`. */
export function CallStage(props: CallStageProps) {
  const {
    call,
    aside,
    sidebar,
    onLeave,
    onRetry,
    sendBack,
    requestHomeView,
    openLink,
    takeIntoNotes,
  } = props;
  const { t } = useTranslation();
  // One chat per room, for the whole call: a second handler on the topic would get nothing.
  const chat = useChat(call.session, call.phase === 'ready');
  const [chatOpen, setChatOpen] = useState(() => window.matchMedia('(min-width: 901px)').matches);

  if (call.phase === 'failed')
    return (
      <ProblemScreen
        problem={call.failure === null || call.failure === 'key-missed' ? 'internal' : call.failure}
        onRetry={onRetry}
      />
    );
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
      <div className={host || chatOpen ? 'call-layout with-aside' : 'call-layout'}>
        <section className="call" aria-label={t('app.name')}>
          <div className="call-status">
            <EncryptionBadge active={call.phase === 'ready'} />
            <SafetyCode code={call.safetyCode} rejected={call.rejectedMessages} />
            {call.phase === 'connecting' && <span role="status">{t('call.connecting')}</span>}
            <MyQuality call={call} />
            <ChatToggle
              unread={chat.unread}
              open={chatOpen}
              onToggle={() => setChatOpen((open) => !open)}
              controls="call-chat"
            />
          </div>
          <ConnectionBanner call={call} />
          <CallAlerts call={call} />
          <HomeViewPrompt call={call} />
          <DeviceRequestPrompt call={call} />
          {sidebar}
          <VideoStage call={call} />
          <VerifiedAudio call={call} />
          <CallControls
            ready={call.phase === 'ready'}
            camera={call.camera}
            microphone={call.microphone}
            screen={call.screen}
            setCamera={call.setCamera}
            setMicrophone={call.setMicrophone}
            setScreen={call.setScreen}
            onLeave={() => void call.leave().finally(onLeave)}
          />
          {!host && <ConsentPanel call={call} />}
          <ServerView />
        </section>
        {(host || chatOpen) && (
          <aside className="call-aside">
            {chatOpen && (
              <ChatSidebar
                id="call-chat"
                chat={chat}
                names={call.names}
                openLink={openLink}
                onTakeIntoNotes={takeIntoNotes}
              />
            )}
            {aside}
            <ParticipantList call={call} />
            {host && <ConsentPanel call={call} />}
          </aside>
        )}
      </div>
    </RoomContext.Provider>
  );
}

function CallAlerts({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const people = [...call.people.values()];
  const undecryptable = people.filter((p) => p.trust === 'undecryptable').length;
  const unencrypted = people.filter((p) => p.trust === 'unencrypted').length;
  return (
    <>
      {undecryptable > 0 && (
        <p className="alert" role="alert">
          {undecryptable === people.length ? t('call.cannotDecrypt') : t('call.cannotDecryptSome')}
        </p>
      )}
      {unencrypted > 0 && (
        <p className="alert" role="alert">
          {t('call.unencryptedSomeone')}
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
