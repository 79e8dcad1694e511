import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppApi } from '../../../src-shared/api-surface';
import type { ConsultationView, IpcResponse } from '../../../src-shared/ipc-contract';
import { ProblemScreen, type Problem } from '../../app/ProblemScreen';
import { newCallKey } from '../../livekit/call-key';
import { sendMessage } from '../../livekit/room-messages';
import type { CallTicket } from '../../livekit/sealed-ticket';
import { CallStage } from '../call/CallStage';
import { openLinkFor } from '../chat/openLink';
import { SessionNotes } from '../notes/SessionNotes';
import { useEncryptedCall, type MediaConsent } from '../call/useEncryptedCall';
import { problemOf } from '../consultations/useConsultations';
import { DeviceCheck } from '../devices/DeviceCheck';
import { WaitingRoomPanel } from '../lobby/WaitingRoomPanel';
import { useWaitingRoomHost } from '../lobby/useWaitingRoomHost';

type Tickets = IpcResponse<'consultation:host-tickets'>;

export interface HostSessionProps {
  api: AppApi;
  consultation: ConsultationView;
  onEnd: () => void;
}

/** The host's consultation: device check, then the call with the waiting room beside it. */
export function HostSession({ api, consultation, onEnd }: HostSessionProps) {
  const { t } = useTranslation();
  const [joining, setJoining] = useState<{ consent: MediaConsent; name: string } | null>(null);
  const [tickets, setTickets] = useState<Tickets | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    if (!joining) return;
    let current = true;
    void api.hostTickets({ id: consultation.id }).then((result) => {
      if (!current) return;
      if (result.ok) setTickets(result.value);
      else setProblem(problemOf(result.error.code));
    });
    return () => {
      current = false;
    };
  }, [api, consultation.id, joining]);

  if (problem)
    return (
      <ProblemScreen
        problem={problem}
        onRetry={() => {
          setProblem(null);
          setJoining(null);
        }}
      />
    );
  if (!joining) {
    return (
      <DeviceCheck
        heading={t('devices.hostHeading')}
        submitLabel={t('devices.join')}
        askName
        onSubmit={(consent, name) => setJoining({ consent, name: name ?? t('call.other') })}
      />
    );
  }
  if (!tickets) {
    return (
      <p className="status" role="status">
        {t('call.connecting')}
      </p>
    );
  }
  return (
    <HostCall
      api={api}
      consultation={consultation}
      tickets={tickets}
      consent={joining.consent}
      name={joining.name}
      onEnd={onEnd}
    />
  );
}

function HostCall(props: {
  api: AppApi;
  consultation: ConsultationView;
  tickets: Tickets;
  consent: MediaConsent;
  name: string;
  onEnd: () => void;
}) {
  const { t } = useTranslation();
  const { api, consultation, tickets } = props;
  const [attempt, setAttempt] = useState(0);
  const [incoming, setIncoming] = useState<string | null>(null);
  const openLink = useMemo(() => openLinkFor(api), [api]);
  // The key everyone in the call uses now; new guests get this one.
  const currentKey = useRef({ key: consultation.callKey, index: 0 });
  const call = useEncryptedCall(
    {
      serverUrl: tickets.call.serverUrl,
      token: tickets.call.token,
      key: consultation.callKey,
      keyIndex: 0,
    },
    props.consent,
    { displayName: props.name, attempt },
  );

  const lobby = useWaitingRoomHost({
    serverUrl: tickets.waiting.serverUrl,
    token: tickets.waiting.token,
    waitingKey: consultation.waitingKey,
    knockedNotice: (name) => t('lobby.knocked', { name }),
    ticketFor: async (): Promise<CallTicket | null> => {
      const hostIdentity = call.room?.localParticipant.identity;
      const admitted = await api.admitGuest({ id: consultation.id });
      if (!admitted.ok || !hostIdentity) return null;
      const { key, index } = currentKey.current;
      return {
        serverUrl: admitted.value.call.serverUrl,
        token: admitted.value.call.token,
        key,
        keyIndex: index,
        hostIdentity,
      };
    },
  });

  /** Out of the call, back to the waiting room; everyone who stays moves to a new key. */
  const sendBack = async (identity: string) => {
    const room = call.room;
    const keys = call.keys;
    if (!room || !keys) return;
    const removed = await api.removeParticipant({ id: consultation.id, room: 'call', identity });
    if (!removed.ok) return;
    const next = { key: newCallKey(), index: currentKey.current.index + 1 };
    currentKey.current = next;
    await sendMessage(room, { type: 'rekey', key: next.key, index: next.index });
    await keys.useKey(next.key, next.index);
  };

  return (
    <CallStage
      call={call}
      openLink={openLink}
      takeIntoNotes={(text) => setIncoming(text)}
      aside={
        <>
          <WaitingRoomPanel lobby={lobby} />
          <SessionNotes api={api} label={consultation.label} call={call} incoming={incoming} />
        </>
      }
      onLeave={props.onEnd}
      onRetry={() => setAttempt((n) => n + 1)}
      sendBack={call.phase === 'ready' ? (identity) => void sendBack(identity) : undefined}
      requestHomeView={
        call.phase === 'ready'
          ? (identity, reason) => void call.requestHomeView(identity, reason)
          : undefined
      }
    />
  );
}
