import { useEffect, useMemo, useState } from 'react';
import type { OneTimeKey } from '../../livekit/sealed-box';
import type { CallTicket } from '../../livekit/sealed-ticket';
import { CallStage } from '../call/CallStage';
import { useCallSession, type MediaConsent } from '../call/useCallSession';
import { openLinkFor } from '../chat/openLink';
import { NotesConsent, OutcomesDialog, useClientOutcomes } from '../notes/ClientOutcomes';

/** A guest page has no host API: links open in a new tab, without an opener. */
const openGuestLink = openLinkFor(null);

/** The guest's call (loaded after the welcome, with livekit-client). */
export function GuestCall(props: {
  ticket: CallTicket;
  oneTimeKey: OneTimeKey;
  consent: MediaConsent;
  name: string;
  onLeft: () => void;
  onEnded: () => void;
  onSentBack: () => void;
  onKeyMissed: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const role = useMemo(
    () => ({ kind: 'guest', oneTimeKey: props.oneTimeKey }) as const,
    [props.oneTimeKey],
  );
  const call = useCallSession(props.ticket, props.consent, { name: props.name, role, attempt });
  const outcomes = useClientOutcomes(call);
  const { onSentBack, onEnded, onKeyMissed } = props;
  const gone =
    call.phase === 'removed' ||
    call.phase === 'ended' ||
    (call.phase === 'failed' && call.failure === 'key-missed');
  useEffect(() => {
    if (call.phase === 'removed') onSentBack();
    if (call.phase === 'ended') onEnded();
    // A key change passed us by: back to the waiting room, where the host lets us in again.
    if (call.phase === 'failed' && call.failure === 'key-missed') onKeyMissed();
  }, [call.phase, call.failure, onSentBack, onEnded, onKeyMissed]);
  if (gone) return null;
  return (
    <CallStage
      call={call}
      openLink={openGuestLink}
      guest={{
        notes: outcomes.announced ? <NotesConsent outcomes={outcomes} /> : null,
        notesAsking: outcomes.asking,
        outcomes: outcomes.shown ? (
          <OutcomesDialog
            outcomes={outcomes.shown.outcomes}
            hostName={outcomes.hostName}
            onAnswer={outcomes.answer}
          />
        ) : null,
      }}
      onLeave={props.onLeft}
      onRetry={() => setAttempt((n) => n + 1)}
    />
  );
}
