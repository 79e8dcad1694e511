import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invite } from '../../../src-shared/invite-link';
import { ProblemScreen } from '../../app/ProblemScreen';
import { CallStage } from '../call/CallStage';
import { useEncryptedCall, type MediaConsent } from '../call/useEncryptedCall';
import type { CallTicket } from '../../livekit/sealed-ticket';
import { openLinkFor } from '../chat/openLink';
import { DeviceCheck } from '../devices/DeviceCheck';
import { ClientOutcomes } from '../notes/ClientOutcomes';
import { useWaitingRoomGuest } from '../waiting/useWaitingRoomGuest';
import { forgetTicket, rememberTicket } from './guest-link';

/** A guest page has no host API: links open in a new tab, without an opener. */
const openGuestLink = openLinkFor(null);

type Step =
  | { name: 'welcome' }
  | { name: 'name' }
  | { name: 'devices' }
  | { name: 'waiting'; sentBack: boolean }
  | { name: 'call'; ticket: CallTicket }
  | { name: 'declined' }
  | { name: 'left' };

export type GuestStart = { invite: Invite } | { ticket: CallTicket; name?: string };

/** A guest's way in: welcome, name, camera and microphone, waiting room, call. */
export function GuestJourney({ start }: { start: GuestStart }) {
  const { t } = useTranslation();
  const invite = 'invite' in start ? start.invite : null;
  const [name, setName] = useState('ticket' in start ? (start.name ?? '') : '');
  const [consent, setConsent] = useState<MediaConsent>({ camera: false, microphone: false });
  const [step, setStep] = useState<Step>(() =>
    'ticket' in start && start.name ? { name: 'devices' } : { name: 'welcome' },
  );

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
          submitLabel={invite ? t('devices.toWaitingRoom') : t('devices.join')}
          onSubmit={(chosen) => {
            setConsent(chosen);
            if (invite) setStep({ name: 'waiting', sentBack: false });
            else if ('ticket' in start) setStep({ name: 'call', ticket: start.ticket });
          }}
        />
      );
    case 'waiting':
      return invite ? (
        <WaitingRoom
          invite={invite}
          name={name}
          sentBack={step.sentBack}
          onAdmitted={(ticket) => {
            rememberTicket(ticket, name);
            setStep({ name: 'call', ticket });
          }}
          onDeclined={() => setStep({ name: 'declined' })}
          onLeft={() => setStep({ name: 'left' })}
        />
      ) : null;
    case 'call':
      return (
        <GuestCall
          ticket={step.ticket}
          consent={consent}
          name={name}
          onLeft={() => {
            forgetTicket();
            setStep({ name: 'left' });
          }}
          onSentBack={() => {
            forgetTicket();
            setStep(invite ? { name: 'waiting', sentBack: true } : { name: 'left' });
          }}
        />
      );
    case 'declined':
      return (
        <section className="panel" aria-labelledby="declined-heading">
          <h1 id="declined-heading">{t('guest.declinedHeading')}</h1>
          <p>{t('guest.declined')}</p>
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
  onAdmitted: (ticket: CallTicket) => void;
  onDeclined: () => void;
  onLeft: () => void;
}) {
  const { t } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const waiting = useWaitingRoomGuest(props.invite, props.name, attempt);
  const { onAdmitted, onDeclined } = props;
  const admittedWith = waiting.phase === 'admitted' ? waiting.ticket : null;

  useEffect(() => {
    if (admittedWith) onAdmitted(admittedWith);
  }, [admittedWith, onAdmitted]);
  useEffect(() => {
    if (waiting.phase === 'declined') onDeclined();
  }, [waiting.phase, onDeclined]);

  if (waiting.phase === 'admitted' || waiting.phase === 'declined') return null;
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
      <button type="button" onClick={() => void waiting.leave().finally(props.onLeft)}>
        {t('guest.leaveWaiting')}
      </button>
    </section>
  );
}

function GuestCall(props: {
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
