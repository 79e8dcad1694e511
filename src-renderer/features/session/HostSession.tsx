import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { AppApi } from '../../../src-shared/api-surface';
import { fromBase64Url, toBase64Url } from '../../../src-shared/base64url';
import type { ConsultationView, IpcResponse } from '../../../src-shared/ipc-contract';
import { ProblemScreen, type Problem } from '../../app/ProblemScreen';
import type { HostAuthority } from '../../livekit/call-session';
import { prepareEncryptedRoom, releasePreparedRooms } from '../../livekit/encrypted-room';
import type { CallTicket } from '../../livekit/sealed-ticket';
import { CallStage } from '../call/CallStage';
import { useCallSession, type MediaConsent } from '../call/useCallSession';
import { openLinkFor } from '../chat/openLink';
import { problemOf } from '../consultations/useConsultations';
import { DeviceCheck } from '../devices/DeviceCheck';
import { stopTracks } from '../devices/stop-tracks';
import { WaitingRoomPanel } from '../lobby/WaitingRoomPanel';
import { useWaitingRoomHost } from '../lobby/useWaitingRoomHost';
import { SessionNotes } from '../notes/SessionNotes';

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
  // The device check's tracks went into the call; they stop when this session is over.
  const tracks = joining?.consent.tracks;
  useEffect(() => () => stopTracks(tracks), [tracks]);
  // The call's room and the waiting room, their workers started while the host checks
  // camera and microphone; what the session did not use ends with it.
  useEffect(() => {
    if (joining) return;
    prepareEncryptedRoom('call');
    prepareEncryptedRoom('messages');
  }, [joining]);
  useEffect(() => () => releasePreparedRooms(), []);
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
  return (
    <HostTickets
      api={api}
      consultation={consultation}
      consent={joining.consent}
      name={joining.name}
      onEnd={onEnd}
      onBack={() => setJoining(null)}
    />
  );
}

/**
 * Fresh tickets for each attempt: entry tokens live a minute, and asking main again also
 * opens the rooms again (a restarted server without Redis has forgotten them).
 */
function HostTickets(props: {
  api: AppApi;
  consultation: ConsultationView;
  consent: MediaConsent;
  name: string;
  onEnd: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const { api, consultation } = props;
  const [attempt, setAttempt] = useState(0);
  const [tickets, setTickets] = useState<{ attempt: number; value: Tickets } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let current = true;
    void api.hostTickets({ id: consultation.id }).then((result) => {
      if (!current) return;
      if (result.ok) setTickets({ attempt, value: result.value });
      else setProblem(problemOf(result.error.code));
    });
    return () => {
      current = false;
    };
  }, [api, consultation.id, attempt]);

  if (problem)
    return (
      <ProblemScreen
        problem={problem}
        onRetry={() => {
          setProblem(null);
          props.onBack();
        }}
      />
    );
  if (!tickets || tickets.attempt !== attempt) {
    return (
      <p className="status" role="status">
        {t('call.connecting')}
      </p>
    );
  }
  return (
    <HostCall
      key={attempt}
      api={api}
      consultation={consultation}
      tickets={tickets.value}
      consent={props.consent}
      name={props.name}
      onEnd={props.onEnd}
      onRetry={() => setAttempt((n) => n + 1)}
    />
  );
}

/**
 * The host's powers live in main (the signing key, the call's key state, the server API);
 * the call core reaches them through this object.
 */
function hostAuthority(api: AppApi, id: string, state: Tickets['state']): HostAuthority {
  return {
    async sign(payload) {
      const signed = await api.signAsHost({ id, payload: toBase64Url(payload) });
      const signature = signed.ok ? fromBase64Url(signed.value.signature) : null;
      if (!signature) throw new Error('not signed');
      return signature;
    },
    async reopenRooms() {
      // Asking for the host's tickets makes the rooms (again, after a server restart).
      await api.hostTickets({ id });
    },
    async sendBack(identity, options) {
      const result = await api.sendBack({ id, identity, revoke: options?.revoke });
      return result.ok ? result.value : null;
    },
    async remove(identity) {
      await api.removeParticipant({ id, room: 'call', identity });
    },
    admitted: new Map(state.admitted.map(({ identity, guestKey }) => [identity, guestKey])),
    sentBack: new Set(state.sentBack),
  };
}

function HostCall(props: {
  api: AppApi;
  consultation: ConsultationView;
  tickets: Tickets;
  consent: MediaConsent;
  name: string;
  onEnd: () => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const { api, consultation, tickets } = props;
  const [incoming, setIncoming] = useState<string | null>(null);
  const [answers, setAnswers] = useState(0);
  const openLink = useMemo(() => openLinkFor(api), [api]);
  const authority = useMemo(
    () => hostAuthority(api, consultation.id, tickets.state),
    [api, consultation.id, tickets.state],
  );
  const role = useMemo(() => ({ kind: 'host', authority }) as const, [authority]);
  const ticket = useMemo<CallTicket>(
    () => ({
      serverUrl: tickets.call.serverUrl,
      token: tickets.call.token,
      key: tickets.state.key,
      keyIndex: tickets.state.keyIndex,
      hostPublicKey: consultation.hostPublicKey,
    }),
    [tickets, consultation.hostPublicKey],
  );
  const call = useCallSession(ticket, props.consent, { name: props.name, role });
  const session = call.session;

  const lobby = useWaitingRoomHost({
    serverUrl: tickets.waiting.serverUrl,
    token: tickets.waiting.token,
    waitingKey: consultation.waitingKey,
    hostPublicKey: consultation.hostPublicKey,
    sign: authority.sign,
    knockedNotice: (name) => t('lobby.knocked', { name }),
    usedNotice: (name) => t('lobby.used', { name }),
    revoked: tickets.state.revoked,
    call: session,
    doorFor: async (guest) => {
      const door = await api.openDoor({
        id: consultation.id,
        waitingIdentity: guest.identity,
        guestKey: guest.guestKey,
      });
      if (!door.ok) return null;
      return { serverUrl: door.value.call.serverUrl, token: door.value.call.token };
    },
    ticketFor: async (guest) => {
      const current = session?.currentKey;
      if (!current) return null;
      const admitted = await api.admitGuest({
        id: consultation.id,
        waitingIdentity: guest.identity,
        guestKey: guest.guestKey,
      });
      if (!admitted.ok) {
        if (admitted.error.code === 'invite-revoked') return 'revoked';
        return admitted.error.code === 'invite-used' ? 'used' : null;
      }
      authority.admitted.set(admitted.value.identity, guest.guestKey);
      session.expectGuest(admitted.value.identity, guest.name);
      const me = session.room.localParticipant.identity;
      return {
        serverUrl: admitted.value.call.serverUrl,
        token: admitted.value.call.token,
        key: current.key,
        keyIndex: current.index,
        hostPublicKey: consultation.hostPublicKey,
        host: me ? { identity: me, name: props.name } : undefined,
      };
    },
  });

  return (
    <CallStage
      call={call}
      openLink={openLink}
      takeIntoNotes={(text) => setIncoming(text)}
      host={{
        lobby: { content: <WaitingRoomPanel lobby={lobby} />, waiting: lobby.guests },
        notes: {
          content: (
            <SessionNotes
              api={api}
              label={consultation.label}
              call={call}
              incoming={incoming}
              onAnswer={() => setAnswers((n) => n + 1)}
            />
          ),
          answers,
        },
      }}
      onLeave={props.onEnd}
      onRetry={props.onRetry}
    />
  );
}
