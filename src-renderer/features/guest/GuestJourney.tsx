import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { Invite } from '../../../src-shared/invite-link';
import { afterFirstPaint, lazyComponent } from '../../app/lazy';
import { LoadingBoundary } from '../../app/LoadingBoundary';
import { preloadEnglish } from '../../i18n';
import type { OneTimeKey } from '../../livekit/sealed-box';
import type { CallTicket } from '../../livekit/sealed-ticket';
import type { MediaConsent } from '../call/useCallSession';
import { cannotShowH264 } from '../devices/codecs';
import { stopTracks } from '../devices/stop-tracks';
import { openEarlyDoor, type EarlyDoor } from '../waiting/early-door';
import { ScreenHeading } from '../../app/ScreenHeading';

// Everything from the device check on (livekit-client, the E2EE worker, the call) is loaded
// while the person reads the welcome, and so are the English texts, for the switch in the
// header; the first screen needs none of it.
const DeviceCheck = lazyComponent(() =>
  import('../devices/DeviceCheck').then((module) => module.DeviceCheck),
);
const WaitingRoom = lazyComponent(() =>
  import('./GuestWaitingRoom').then((module) => module.WaitingRoom),
);
const GuestCall = lazyComponent(() => import('./GuestCall').then((module) => module.GuestCall));

type Step =
  | { name: 'welcome' }
  | { name: 'name' }
  | { name: 'devices' }
  | { name: 'waiting'; sentBack: boolean; door?: EarlyDoor | null }
  | { name: 'call'; ticket: CallTicket; oneTimeKey: OneTimeKey }
  | { name: 'declined'; revoked: boolean }
  | { name: 'used' }
  | { name: 'ended' }
  | { name: 'left' };

/** A guest's way in: welcome, name, camera and microphone, waiting room, call. */
export function GuestJourney({ invite }: { invite: Invite }) {
  useEffect(
    () =>
      afterFirstPaint(() => {
        // A failed preload is tried again when its step is shown, and explained there.
        for (const later of [DeviceCheck, WaitingRoom, GuestCall])
          void later.preload().catch(() => {});
        preloadEnglish();
      }),
    [],
  );
  return (
    <LoadingBoundary>
      <GuestSteps invite={invite} />
    </LoadingBoundary>
  );
}

function GuestSteps({ invite }: { invite: Invite }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [consent, setConsent] = useState<MediaConsent>({ camera: false, microphone: false });
  const [step, setStep] = useState<Step>({ name: 'welcome' });
  // The device check's tracks wait through the waiting room into the call; once this
  // person's visit is over (or the page goes), the camera and microphone stop.
  const over = ['declined', 'used', 'ended', 'left'].includes(step.name);
  const tracks = consent.tracks;
  useEffect(() => {
    if (over) stopTracks(tracks);
  }, [over, tracks]);
  useEffect(() => () => stopTracks(tracks), [tracks]);
  // The waiting room, joined once she has agreed, while she gives her name and checks her
  // devices; handed to the waiting room screen, or closed if she never gets there.
  const door = useRef<EarlyDoor | null>(null);
  useEffect(
    () => () => {
      void door.current?.then((early) => early.close()).catch(() => {});
      door.current = null;
    },
    [],
  );

  switch (step.name) {
    case 'welcome':
      return (
        <Welcome
          onNext={() => {
            door.current ??= openEarlyDoor(invite);
            setStep({ name: 'name' });
          }}
        />
      );
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
            setStep({ name: 'waiting', sentBack: false, door: door.current });
            door.current = null;
          }}
        />
      );
    case 'waiting':
      return (
        <WaitingRoom
          invite={invite}
          name={name}
          door={step.door}
          sentBack={step.sentBack}
          onAdmitted={(ticket, oneTimeKey) => setStep({ name: 'call', ticket, oneTimeKey })}
          onDeclined={(revoked) => setStep({ name: 'declined', revoked })}
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
      return step.revoked ? (
        <section className="panel" aria-labelledby="declined-heading">
          <ScreenHeading id="declined-heading">{t('invites.revokedHeading')}</ScreenHeading>
          <p>{t('invites.revokedGuest')}</p>
        </section>
      ) : (
        <section className="panel" aria-labelledby="declined-heading">
          <ScreenHeading id="declined-heading">{t('guest.declinedHeading')}</ScreenHeading>
          <p>{t('guest.declined')}</p>
        </section>
      );
    case 'used':
      return (
        <section className="panel" aria-labelledby="used-heading">
          <ScreenHeading id="used-heading">{t('guest.usedHeading')}</ScreenHeading>
          <p>{t('guest.used')}</p>
        </section>
      );
    case 'ended':
      return (
        <section className="panel" aria-labelledby="ended-heading">
          <ScreenHeading id="ended-heading">{t('guest.endedHeading')}</ScreenHeading>
          <p>{t('guest.ended')}</p>
        </section>
      );
    case 'left':
      return (
        <section className="panel" aria-labelledby="left-heading">
          <ScreenHeading id="left-heading">{t('left.heading')}</ScreenHeading>
          <p>{t('left.guestClose')}</p>
        </section>
      );
  }
}

function Welcome({ onNext }: { onNext: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="welcome-heading">
      <ScreenHeading id="welcome-heading">{t('guest.welcomeHeading')}</ScreenHeading>
      <p>{t('guest.welcomeIntro')}</p>
      {/* Said before she uses the link: it may not open a second time in another browser. */}
      {cannotShowH264() && <p className="notice">{t('guest.noH264')}</p>}
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
      <ScreenHeading id="name-heading">{t('guest.nameHeading')}</ScreenHeading>
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
