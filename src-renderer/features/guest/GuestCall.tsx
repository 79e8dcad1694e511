import { useEffect, useState } from 'react';
import { CallStage } from '../call/CallStage';
import { useEncryptedCall, type MediaConsent } from '../call/useEncryptedCall';
import type { CallTicket } from '../../livekit/sealed-ticket';
import { openLinkFor } from '../chat/openLink';
import { ClientOutcomes } from '../notes/ClientOutcomes';

/** A guest page has no host API: links open in a new tab, without an opener. */
const openGuestLink = openLinkFor(null);

/** The guest's call (loaded after the welcome, with livekit-client). */
export function GuestCall(props: {
  ticket: CallTicket;
  consent: MediaConsent;
  name: string;
  onLeft: () => void;
  onSentBack: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const call = useEncryptedCall(props.ticket, props.consent, {
    displayName: props.name,
    hostIdentity: props.ticket.hostIdentity,
    attempt,
  });
  const { onSentBack } = props;
  useEffect(() => {
    if (call.phase === 'removed') onSentBack();
  }, [call.phase, onSentBack]);
  if (call.phase === 'removed') return null;
  return (
    <CallStage
      call={call}
      openLink={openGuestLink}
      sidebar={<ClientOutcomes call={call} hostIdentity={props.ticket.hostIdentity} />}
      onLeave={props.onLeft}
      onRetry={() => setAttempt((n) => n + 1)}
    />
  );
}
