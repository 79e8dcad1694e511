import { useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { AppApi } from '../../../src-shared/api-surface';
import type { ConsultationView } from '../../../src-shared/ipc-contract';
import { SavedNotes } from '../notes/SavedNotes';
import { UnreadableNotes } from '../storage/UnreadableNotes';
import { expiryWords } from './expiry';
import { InviteLinks } from './InviteLinks';
import { madeInThisWindow, useConsultations, type NewConsultation } from './useConsultations';
import { ScreenHeading } from '../../app/ScreenHeading';
import { ConfirmQuestion } from '../../app/ConfirmQuestion';
import { WholeNumberField } from '../../app/WholeNumberField';
import { timeOfDay } from '../../i18n/dates';

export interface ConsultationsHomeProps {
  api: AppApi;
  onBegin: (consultation: ConsultationView) => void;
}

export function ConsultationsHome({ api, onBegin }: ConsultationsHomeProps) {
  const { t } = useTranslation();
  const { consultations, busy, problem, create, remove, labelInvite, revokeInvite } =
    useConsultations(api);
  const listHeading = useRef<HTMLHeadingElement>(null);
  return (
    <div className="stack home-stack">
      <NewConsultationForm busy={busy} onCreate={create} />
      {problem && (
        <p className="alert" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      <section
        className="panel"
        aria-labelledby="today-heading"
        aria-busy={consultations === null && !problem}
      >
        <h2 id="today-heading" ref={listHeading} tabIndex={-1}>
          {t('consultations.todayHeading')}
        </h2>
        {consultations?.length === 0 && <p>{t('consultations.none')}</p>}
        <ul className="consultations">
          {consultations?.map((consultation) => (
            <ConsultationItem
              key={consultation.id}
              consultation={consultation}
              onBegin={() => onBegin(consultation)}
              onRemove={async () => {
                await remove(consultation.id);
                // The item is gone: the focus goes to the list, not to the page's start.
                listHeading.current?.focus();
              }}
              onLabel={(invite, label) => labelInvite(consultation.id, invite, label)}
              onRevoke={(invite) => revokeInvite(consultation.id, invite)}
            />
          ))}
        </ul>
      </section>
      <SavedNotes api={api} />
      <UnreadableNotes api={api} />
    </div>
  );
}

function NewConsultationForm({
  busy,
  onCreate,
}: {
  busy: boolean;
  onCreate: (request: NewConsultation) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [inviteCount, setInviteCount] = useState<number | null>(1);
  const [validity, setValidity] = useState<NewConsultation['validity']>('today');
  const ids = { label: useId(), count: useId(), validity: useId() };
  return (
    <section className="panel" aria-labelledby="new-heading">
      <ScreenHeading id="new-heading">{t('consultations.heading')}</ScreenHeading>
      <p>{t('consultations.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          // Out of range: the field says why; nothing is created until it is fixed.
          if (inviteCount === null) {
            document.getElementById(ids.count)?.focus();
            return;
          }
          void onCreate({ label: label.trim(), inviteCount, validity }).then((created) => {
            if (created) setLabel('');
          });
        }}
      >
        <div className="field">
          <label htmlFor={ids.label}>{t('consultations.label')}</label>
          <input
            id={ids.label}
            className="text-field"
            value={label}
            maxLength={80}
            autoComplete="off"
            aria-describedby={`${ids.label}-hint`}
            onChange={(e) => setLabel(e.target.value)}
          />
          <p id={`${ids.label}-hint`} className="hint">
            {t('consultations.labelHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.count}>{t('consultations.inviteCount')}</label>
          <WholeNumberField
            id={ids.count}
            min={1}
            max={12}
            value={inviteCount}
            onChange={setInviteCount}
            describedBy={`${ids.count}-hint`}
          />
          <p id={`${ids.count}-hint`} className="hint">
            {t('consultations.inviteCountHint')}
          </p>
        </div>
        <fieldset className="field">
          <legend>{t('consultations.validity')}</legend>
          {(['today', '7-days'] as const).map((choice) => (
            <div className="choice" key={choice}>
              <input
                id={`${ids.validity}-${choice}`}
                type="radio"
                name="validity"
                checked={validity === choice}
                onChange={() => setValidity(choice)}
              />
              <label htmlFor={`${ids.validity}-${choice}`}>
                {choice === 'today' ? t('consultations.validToday') : t('consultations.validWeek')}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('consultations.creating') : t('consultations.create')}
        </button>
      </form>
    </section>
  );
}

function ConsultationItem(props: {
  consultation: ConsultationView;
  onBegin: () => void;
  onRemove: () => Promise<void>;
  onLabel: (invite: number, label: string) => Promise<boolean>;
  onRevoke: (invite: number) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const { consultation } = props;
  const [confirming, setConfirming] = useState(false);
  // The links of a consultation made in this window show at once: the worker is about to
  // send them. Every other consultation's open on demand. A long list drawn whole costs its
  // page about 10 MiB for 60 consultations and leaves 4 MiB of it behind for good, the
  // calls after included (README, "What a long list leaves behind").
  const [linksShown, setLinksShown] = useState(() => madeInThisWindow(consultation.id));
  const linksId = useId();
  const removeButton = useRef<HTMLButtonElement>(null);
  const label = consultation.label || t('consultations.untitled');
  const time = timeOfDay(new Date(consultation.createdAt * 1000), i18n.language);
  // The list is drawn when it opens; a minute's drift in "bis morgen" does not matter.
  const [now] = useState(() => Date.now());
  const end = expiryWords(consultation.expiresAt, now, i18n.language);
  const when =
    end.kind === 'today'
      ? t('invites.untilToday', { time: end.time })
      : end.kind === 'tomorrow'
        ? t('invites.untilTomorrow', { time: end.time })
        : t('invites.untilDate', { date: end.date, time: end.time });
  return (
    <li className="consultation">
      <h3>{label}</h3>
      <p className="hint">
        {t('consultations.createdAt', { time })} · {t('invites.validUntil', { when })}
      </p>
      <button
        type="button"
        className="link-button links-toggle"
        aria-expanded={linksShown}
        aria-controls={linksShown ? linksId : undefined}
        onClick={() => setLinksShown((shown) => !shown)}
      >
        {t('consultations.links', { count: consultation.invites.length })}
      </button>
      {linksShown && (
        <div id={linksId}>
          <InviteLinks
            invites={consultation.invites}
            onLabel={props.onLabel}
            onRevoke={props.onRevoke}
          />
        </div>
      )}
      {confirming ? (
        <RemoveConfirm
          label={label}
          onRemove={props.onRemove}
          onCancel={() => {
            setConfirming(false);
            setTimeout(() => removeButton.current?.focus());
          }}
        />
      ) : (
        <div className="row">
          <button type="button" className="primary" onClick={props.onBegin}>
            {t('consultations.begin')}
          </button>
          <button
            ref={removeButton}
            type="button"
            aria-label={t('consultations.removeLabel', { label })}
            onClick={() => setConfirming(true)}
          >
            {t('consultations.remove')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Removing a consultation cannot be undone (its rooms close, its links stop): asked first. */
function RemoveConfirm(props: {
  label: string;
  onRemove: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmQuestion
      className="consultation-confirm"
      question={t('consultations.removeQuestion', { label: props.label })}
      explain={t('consultations.removeExplain')}
      yes={t('consultations.removeYes')}
      no={t('consultations.removeNo')}
      onYes={props.onRemove}
      onCancel={props.onCancel}
    />
  );
}
