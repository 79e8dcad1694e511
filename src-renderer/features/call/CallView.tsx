import { RoomAudioRenderer, RoomContext, useRemoteParticipants } from '@livekit/components-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemScreen } from '../../app/ProblemScreen';
import { CallControls } from './CallControls';
import { EncryptionBadge } from './EncryptionBadge';
import {
  useEncryptedCall,
  type CallTicket,
  type EncryptedCallState,
  type MediaConsent,
} from './useEncryptedCall';
import { VideoStage } from './VideoStage';

export interface CallViewProps {
  ticket: CallTicket;
  consent: MediaConsent;
  onLeave: () => void;
}

export function CallView({ ticket, consent, onLeave }: CallViewProps) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const call = useEncryptedCall(ticket, consent, attempt);

  if (call.phase === 'failed') {
    return (
      <ProblemScreen
        problem={call.failure ?? 'internal'}
        onRetry={() => setAttempt((n) => n + 1)}
      />
    );
  }
  if (!call.room) {
    return (
      <p className="status" role="status">
        {t('call.connecting')}
      </p>
    );
  }
  return (
    <RoomContext.Provider value={call.room}>
      <section className="call" aria-label={t('app.name')}>
        <div className="call-status">
          <EncryptionBadge active={call.phase === 'ready'} />
          {call.phase === 'connecting' && <span role="status">{t('call.connecting')}</span>}
          {call.reconnecting && <span role="status">{t('call.reconnecting')}</span>}
        </div>
        <CallAlerts call={call} />
        <VideoStage />
        <RoomAudioRenderer />
        <CallControls
          ready={call.phase === 'ready'}
          onLeave={() => {
            void call.room?.disconnect().finally(onLeave);
          }}
        />
      </section>
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
