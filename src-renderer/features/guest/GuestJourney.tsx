import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invite } from '../../../src-shared/invite-link';
import { ProblemScreen } from '../../app/ProblemScreen';
import type { OneTimeKey } from '../../livekit/sealed-box';
import type { CallTicket } from '../../livekit/sealed-ticket';
import { CallStage } from '../call/CallStage';
import { useCallSession, type MediaConsent } from '../call/useCallSession';
import { openLinkFor } from '../chat/openLink';
import { DeviceCheck } from '../devices/DeviceCheck';
import { NotesConsent, OutcomesDialog, useClientOutcomes } from '../notes/ClientOutcomes';
import { useWaitingRoomGuest } from '../waiting/useWaitingRoomGuest';

/** A guest page has no host API: links open in a new tab, without an opener. */
const openGuestLink = openLinkFor(null);

type Step =
  | { name: 'welcome' }
  | { name: 'name' }
  | { name: 'devices' }
  | { name: 'waiting'; sentBack: boolean }
  | { name: 'call'; ticket: CallTicket; oneTimeKey: OneTimeKey }
  | { name: 'declined' }
  | { name: 'used' }
  | { name: 'ended' }
  | { name: 'left' };

/** A guest's way in: welcome, name, camera and microphone, waiting room, call. */
export function GuestJourney({ invite }: { invite: Invite }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [consent, setConsent] = useState<MediaConsent>({ camera: false, microphone: false });
  const [step, setStep] = useState<Step>({ name: 'welcome' });

  switch (step.name) {
    case 'welcome':
      return <Welcome onNext={() => setStep({ name: 'name' })} />;
    case 'name':
      return (
        <NameStep
          initial={name}
          onNext={(chosen) => {
            setName(chosen);
            setStep({ name: 'devices' });
          }}
        />
      );
    case 'devices':
      return (
        <DeviceCheck
          heading={t('devices.heading')}
          submitLabel={t('devices.toWaitingRoom')}
          onSubmit={(chosen) => {
            setConsent(chosen);
            setStep({ name: 'waiting', sentBack: false });
          }}
        />
      );
    case 'waiting':
      return (
        <WaitingRoom
          invite={invite}
          name={name}
          sentBack={step.sentBack}
          onAdmitted={(ticket, oneTimeKey) => setStep({ name: 'call', ticket, oneTimeKey })}
          onDeclined={() => setStep({ name: 'declined' })}
          onUsed={() => setStep({ name: 'used' })}
          onLeft={() => setStep({ name: 'left' })}
        />
      );
    case 'call':
      return (
        <GuestCall
          ticket={step.ticket}
          oneTimeKey={step.oneTimeKey}
          consent={consent}
          name={name}
          onLeft={() => setStep({ name: 'left' })}
          onEnded={() => setStep({ name: 'ended' })}
          onSentBack={() => setStep({ name: 'waiting', sentBack: true })}
          onKeyMissed={() => setStep({ name: 'waiting', sentBack: false })}
        />
      );
    case 'declined':
      return (
        <section className="panel" aria-labelledby="declined-heading">
          <h1 id="declined-heading">{t('guest.declinedHeading')}</h1>
          <p>{t('guest.declined')}</p>
        </section>
      );
    case 'used':
      return (
        <section className="panel" aria-labelledby="used-heading">
          <h1 id="used-heading">{t('guest.usedHeading')}</h1>
          <p>{t('guest.used')}</p>
        </section>
      );
    case 'ended':
      return (
        <section className="panel" aria-labelledby="ended-heading">
          <h1 id="ended-heading">{t('guest.endedHeading')}</h1>
          <p>{t('guest.ended')}</p>
        </section>
      );
    case 'left':
      return (
        <section className="panel" aria-labelledby="left-heading">
          <h1 id="left-heading">{t('left.heading')}</h1>
          <p>{t('left.guestClose')}</p>
        </section>
      );
  }
}

function Welcome({ onNext }: { onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading">{t('guest.welcomeHeading')}</h1>
      <p>{t('guest.welcomeIntro')}</p>
      <h2>{t('guest.stepsHeading')}</h2>
      <ol className="facts">
        <li>{t('guest.step1')}</li>
        <li>{t('guest.step2')}</li>
        <li>{t('guest.step3')}</li>
        <li>{t('guest.step4')}</li>
      </ol>
      <ul className="facts">
        <li>{t('guest.encrypted')}</li>
        <li>{t('guest.notRecorded')}</li>
        <li>{t('guest.quickExitHint')}</li>
        <li>{t('guest.privateWindowHint')}</li>
      </ul>
      <button type="button" className="primary" onClick={onNext}>
        {t('guest.agreeAndContinue')}
      </button>
    </section>
  );
}

function NameStep({ initial, onNext }: { initial: string; onNext: (name: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initial);
  const [missing, setMissing] = useState(false);
  return (
    <section className="panel" aria-labelledby="name-heading">
      <h1 id="name-heading">{t('guest.nameHeading')}</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const name = value.trim();
          if (!name) return setMissing(true);
          onNext(name);
        }}
      >
        <div className="field">
          <label htmlFor="guest-name">{t('guest.nameLabel')}</label>
          <input
            id="guest-name"
            className="text-field"
            value={value}
            maxLength={60}
            autoComplete="off"
            aria-describedby="guest-name-hint"
            aria-invalid={missing}
            onChange={(e) => {
              setValue(e.target.value);
              setMissing(false);
            }}
          />
          <p id="guest-name-hint" className="hint">
            {t('guest.nameHint')}
          </p>
          {missing && (
            <p className="alert" role="alert">
              {t('guest.nameMissing')}
            </p>
          )}
        </div>
        <button type="submit" className="primary">
          {t('guest.continue')}
        </button>
      </form>
    </section>
  );
}

function WaitingRoom(props: {
  invite: Invite;
  name: string;
  sentBack: boolean;
  onAdmitted: (ticket: CallTicket, oneTimeKey: OneTimeKey) => void;
  onDeclined: () => void;
  onUsed: () => void;
  onLeft: () => void;
}) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const { state: waiting, lobby, leave } = useWaitingRoomGuest(props.invite, props.name, attempt);
  const { onAdmitted, onDeclined, onUsed } = props;
  const admittedWith = waiting.phase === 'admitted' ? waiting.ticket : null;

  useEffect(() => {
    if (admittedWith && lobby) {
      void lobby.oneTimeKey.then((key) => onAdmitted(admittedWith, key));
    }
  }, [admittedWith, lobby, onAdmitted]);
  useEffect(() => {
    if (waiting.phase === 'declined') onDeclined();
    if (waiting.phase === 'used') onUsed();
  }, [waiting.phase, onDeclined, onUsed]);

  if (waiting.phase === 'admitted' || waiting.phase === 'declined' || waiting.phase === 'used')
    return null;
  if (waiting.phase === 'failed') {
    return <ProblemScreen problem={waiting.failure} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  return (
    <section className="panel" aria-labelledby="waiting-heading">
      <h1 id="waiting-heading">{t('guest.waitingHeading')}</h1>
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

function GuestCall(props: {
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
