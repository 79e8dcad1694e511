/**
 * Everyone in the call: hand, microphone, camera, what they agreed to, what the app could
 * check about them; and, for the host, the requests and powers of a team meeting.
 *
 * Props contract:
 *
 *   <ParticipantList call={call} lobby={lobby} handButton />
 *
 * - `call: CallView` (useCallSession). Read: `people`, `myIdentity`, `hand`, `camera`,
 *   `microphone`, `myConsent`, `cohost`, `cohostLobby`, `room`. The host's actions come in
 *   through the view and are offered only where defined: `requestDevice`, `setCohost`,
 *   `sendBack`, `remove`, `requestHomeView`; a co-host's `admitWaiting`; everyone's `setHand`.
 * - `lobby?: WaitingRoomHostView` (useWaitingRoomHost), host only: who waits, listed at the top
 *   with "Hereinlassen" and "Alle hereinlassen". Without it the host's waiting room is only in
 *   WaitingRoomPanel. A co-host's waiting room comes from `call.cohostLobby` and needs no prop.
 * - `handButton?: boolean` (default true): my own row carries "Hand heben"; set it to false
 *   where the control bar has that button already.
 *
 * It reads who publishes what from `call.room` (room-hooks.ts).
 */
import type { RemoteParticipant } from 'livekit-client';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { Person } from '../../livekit/call-session';
import { useRemoteParticipants } from '../call/room-hooks';
import type { CallView } from '../call/useCallSession';
import { currentConsent, consentPurposes, type ConsentEvent } from '../consent/consent';
import { HomeViewRequestButton } from '../consent/HomeView';
import type { WaitingRoomHostView } from '../lobby/useWaitingRoomHost';
import './people.css';

export interface ParticipantListProps {
  call: CallView;
  /** Host: the waiting room, listed at the top with "Hereinlassen" and "Alle hereinlassen". */
  lobby?: WaitingRoomHostView;
  /** My own row offers "Hand heben" (default true). */
  handButton?: boolean;
}

export function ParticipantList(props: ParticipantListProps) {
  if (!props.call.room) return null;
  return <ParticipantListInRoom {...props} />;
}

function ParticipantListInRoom({ call, lobby, handButton = true }: ParticipantListProps) {
  const { t } = useTranslation();
  const participants = useRemoteParticipants(call.room);
  const [notice, setNotice] = useState('');
  const headingId = useId();
  const byIdentity = new Map(participants.map((p) => [p.identity, p]));
  const people = sortPeople([...call.people.values()]);
  const hands = people.filter((person) => person.hand).length + (call.hand ? 1 : 0);

  return (
    <section className="participant-list" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('people.heading')} <span className="count">({people.length + 1})</span>
      </h2>
      {hands > 0 && <p className="hint">{t('people.handsRaised', { count: hands })}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {notice}
      </p>
      <WaitingSection call={call} lobby={lobby} />
      <ul className="people participant-rows">
        <MyRow call={call} handButton={handButton} />
        {people.map((person) => (
          <PersonRow
            key={person.identity}
            call={call}
            person={person}
            participant={byIdentity.get(person.identity)}
            onNotice={setNotice}
          />
        ))}
      </ul>
    </section>
  );
}

/** Raised hands first, then the host, co-hosts, everyone else; by name within each. */
function sortPeople(people: Person[]): Person[] {
  const rank = (person: Person) =>
    (person.hand ? 0 : 4) + (person.isHost ? 0 : person.cohost ? 1 : 2);
  return people.sort(
    (a, b) => rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? '', 'de'),
  );
}

/**
 * A device counts as on when the server says it is published and unmuted *and* the person's
 * own sealed consent log says they switched it on: a server cannot make anyone look on.
 */
function deviceOn(
  participant: RemoteParticipant | undefined,
  consent: readonly ConsentEvent[],
  device: 'camera' | 'microphone',
): boolean {
  if (!participant) return false;
  const published =
    device === 'camera' ? participant.isCameraEnabled : participant.isMicrophoneEnabled;
  return published && currentConsent(consent)[device]?.state === 'agreed';
}

function MyRow({ call, handButton }: { call: CallView; handButton: boolean }) {
  const { t } = useTranslation();
  return (
    <li className="person person-me" data-hand={call.hand}>
      <div className="person-main">
        <span className="person-name">
          {call.hand && <HandMark />}
          <strong>{t('people.you')}</strong>
          {call.cohost && <span className="person-role">{t('people.cohost')}</span>}
        </span>
        <DeviceStates camera={call.camera} microphone={call.microphone} />
        <ConsentSummary consent={call.myConsent} />
      </div>
      {handButton && (
        <button type="button" aria-pressed={call.hand} onClick={() => call.setHand(!call.hand)}>
          {call.hand ? t('people.lowerHand') : t('people.raiseHand')}
        </button>
      )}
    </li>
  );
}

function PersonRow(props: {
  call: CallView;
  person: Person;
  participant: RemoteParticipant | undefined;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { call, person, participant, onNotice } = props;
  const name = person.name ?? t('people.unknown');
  const verified = person.trust === 'verified';
  const camera = deviceOn(participant, person.consent, 'camera');
  const microphone = deviceOn(participant, person.consent, 'microphone');
  return (
    <li className="person" data-trust={person.trust} data-hand={person.hand}>
      <div className="person-main">
        <span className="person-name">
          {person.hand && <HandMark />}
          <strong>{name}</strong>
          {person.isHost && <span className="person-role">{t('people.host')}</span>}
          {person.cohost && <span className="person-role">{t('people.cohost')}</span>}
          {person.hand && <span className="visually-hidden">{t('people.handRaised')}</span>}
        </span>
        {verified ? (
          <>
            <DeviceStates camera={camera} microphone={microphone} />
            <ConsentSummary consent={person.consent} />
          </>
        ) : (
          <span className="hint">{t(`people.trust.${person.trust}`)}</span>
        )}
      </div>
      {verified ? (
        <HostActions
          call={call}
          person={person}
          name={name}
          camera={camera}
          microphone={microphone}
          onNotice={onNotice}
        />
      ) : (
        call.sendBack && (
          // Someone the app cannot vouch for (an unencrypted stranger, say): out, new key.
          <button
            type="button"
            className="danger"
            aria-label={t('people.removeStrangerLabel', { name })}
            onClick={() => void call.sendBack?.(person.identity)}
          >
            {t('people.remove')}
          </button>
        )
      )}
    </li>
  );
}

function HandMark() {
  return (
    <span className="person-hand" aria-hidden="true">
      ✋
    </span>
  );
}

function DeviceStates({ camera, microphone }: { camera: boolean; microphone: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="person-devices">
      <span data-on={microphone}>{microphone ? t('people.micOn') : t('people.micOff')}</span>
      <span data-on={camera}>{camera ? t('people.cameraOn') : t('people.cameraOff')}</span>
    </span>
  );
}

/** What the person agreed to (and what they declined or took back), from their sealed log. */
function ConsentSummary({ consent }: { consent: readonly ConsentEvent[] }) {
  const { t } = useTranslation();
  const current = currentConsent(consent);
  const purposesIn = (states: ConsentEvent['state'][]) =>
    consentPurposes
      .filter((purpose) => {
        const state = current[purpose]?.state;
        return state !== undefined && states.includes(state);
      })
      .map((purpose) => t(`consent.purpose.${purpose}`));
  const agreed = purposesIn(['agreed']);
  const refused = purposesIn(['declined', 'withdrawn']);
  if (agreed.length === 0 && refused.length === 0) {
    return <span className="hint">{t('people.consentNone')}</span>;
  }
  return (
    <span className="person-consent hint">
      {agreed.length > 0 && t('people.consentAgreed', { list: agreed.join(', ') })}
      {agreed.length > 0 && refused.length > 0 && ' · '}
      {refused.length > 0 && t('people.consentRefused', { list: refused.join(', ') })}
    </span>
  );
}

/** The host's powers over one verified person; nothing for anyone else. */
function HostActions(props: {
  call: CallView;
  person: Person;
  name: string;
  camera: boolean;
  microphone: boolean;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { call, person, name, camera, microphone, onNotice } = props;
  const [open, setOpen] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const menuId = useId();
  const confirmId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmRemove) confirmButton.current?.focus();
  }, [confirmRemove]);

  const { requestDevice, setCohost, sendBack, remove, requestHomeView } = call;
  if (!requestDevice && !setCohost && !sendBack && !remove && !requestHomeView) return null;

  const ask = (device: 'microphone' | 'camera', on: boolean) => {
    void requestDevice?.(person.identity, device, on).then(() =>
      onNotice(t('people.requestSent', { name })),
    );
  };
  const close = () => {
    setOpen(false);
    setConfirmRemove(false);
    toggle.current?.focus();
  };

  return (
    <div className="person-actions">
      <div className="row">
        {sendBack && (
          <button
            type="button"
            aria-label={t('people.sendBackLabel', { name })}
            onClick={() => void sendBack(person.identity)}
          >
            {t('people.sendBack')}
          </button>
        )}
        <button
          ref={toggle}
          type="button"
          aria-expanded={open}
          aria-controls={menuId}
          aria-label={t('people.moreLabel', { name })}
          onClick={() => (open ? close() : setOpen(true))}
        >
          {t('people.more')}
        </button>
      </div>
      {open && (
        <div
          id={menuId}
          className="person-menu"
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
        >
          {requestDevice && (
            <button
              type="button"
              aria-label={t(microphone ? 'people.askMicOffLabel' : 'people.askMicOnLabel', {
                name,
              })}
              onClick={() => ask('microphone', !microphone)}
            >
              {microphone ? t('people.askMicOff') : t('people.askMicOn')}
            </button>
          )}
          {requestDevice && (
            <button
              type="button"
              aria-label={t(camera ? 'people.askCameraOffLabel' : 'people.askCameraOnLabel', {
                name,
              })}
              onClick={() => ask('camera', !camera)}
            >
              {camera ? t('people.askCameraOff') : t('people.askCameraOn')}
            </button>
          )}
          {setCohost && (
            <button
              type="button"
              aria-label={t(person.cohost ? 'people.endCohostLabel' : 'people.makeCohostLabel', {
                name,
              })}
              onClick={() =>
                void setCohost(person.identity, !person.cohost).then(() =>
                  onNotice(t(person.cohost ? 'people.cohostEnded' : 'people.cohostMade', { name })),
                )
              }
            >
              {person.cohost ? t('people.endCohost') : t('people.makeCohost')}
            </button>
          )}
          {requestHomeView && (
            <HomeViewRequestButton
              name={name}
              onRequest={(reason) => void requestHomeView(person.identity, reason)}
            />
          )}
          {remove &&
            (confirmRemove ? (
              <div className="person-confirm" role="group" aria-labelledby={confirmId}>
                <p id={confirmId}>{t('people.removeConfirm', { name })}</p>
                <div className="row">
                  <button
                    ref={confirmButton}
                    type="button"
                    className="danger"
                    onClick={() => void remove(person.identity)}
                  >
                    {t('people.removeYes')}
                  </button>
                  <button type="button" onClick={() => setConfirmRemove(false)}>
                    {t('people.cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <button
                type="button"
                className="danger"
                aria-label={t('people.removeLabel', { name })}
                onClick={() => setConfirmRemove(true)}
              >
                {t('people.remove')}
              </button>
            ))}
        </div>
      )}
    </div>
  );
}

function without(set: ReadonlySet<string>, value: string): ReadonlySet<string> {
  const next = new Set(set);
  next.delete(value);
  return next;
}

/** Who waits: for the host (with `lobby`), or a co-host (from the host's sealed list). */
function WaitingSection({ call, lobby }: { call: CallView; lobby?: WaitingRoomHostView }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [asked, setAsked] = useState<ReadonlySet<string>>(new Set());
  const guests = lobby ? lobby.guests : call.cohostLobby;
  const admit = lobby ? lobby.admit : call.admitWaiting;
  if (!guests || !admit) return null;
  const admitAll =
    guests.length > 1
      ? () => {
          setAsked(new Set(guests.map((guest) => guest.identity)));
          for (const guest of guests) void admit(guest.identity);
        }
      : undefined;
  return (
    <section className="participant-waiting" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('people.waitingHeading')} <span className="count">({guests.length})</span>
      </h3>
      {guests.length === 0 && <p className="hint">{t('people.nobodyWaiting')}</p>}
      <ul className="people">
        {guests.map((guest) => {
          const busy = asked.has(guest.identity);
          return (
            <li key={guest.identity}>
              <strong>{guest.name}</strong>
              <button
                type="button"
                className="primary"
                disabled={busy}
                aria-label={t('people.admitLabel', { name: guest.name })}
                onClick={() => {
                  setAsked((before) => new Set(before).add(guest.identity));
                  void admit(guest.identity);
                  // Still listed after a while (the host's app was away, say): ask again.
                  setTimeout(() => setAsked((before) => without(before, guest.identity)), 10_000);
                }}
              >
                {busy ? t('people.admitting') : t('people.admit')}
              </button>
            </li>
          );
        })}
      </ul>
      {admitAll && (
        <button type="button" onClick={admitAll}>
          {t('people.admitAll')}
        </button>
      )}
    </section>
  );
}
