import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { outcomesVersion, type ClientOutcomes as Outcomes } from '../../../src-shared/outcomes';
import type { CallView } from '../call/useCallSession';
import { currentConsent } from '../consent/consent';

export interface ClientOutcomesView {
  /** The host said outcomes are being kept. */
  announced: boolean;
  /** My answer to that, if any. */
  mine: 'agreed' | 'declined' | 'withdrawn' | undefined;
  /** Announced and not answered yet: a question waiting for me. */
  asking: boolean;
  hostName: string;
  /** Outcomes the host shows me now, to confirm or add to. */
  shown: { version: string; outcomes: Outcomes } | null;
  answer: (state: 'confirmed' | 'commented', comment: string) => void;
  setConsent: (state: 'agreed' | 'declined' | 'withdrawn') => void;
}

/**
 * The client's side of the outcome notes: told that they are kept, free to say no, and
 * shown the outcomes in plain words to confirm or add to ("auf Augenhöhe"). The call screen
 * puts the question and the outcomes where a phone shows them in full.
 */
export function useClientOutcomes(call: CallView): ClientOutcomesView {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ version: string; outcomes: Outcomes } | null>(null);
  const { session, hostIdentity } = call;

  // Only the host's signed request is shown, only when it names me, and only when what it
  // shows is the version it says (the answer is bound to that version).
  useEffect(() => {
    if (!session) return;
    return session.channel.on('outcomes', ({ body }) => {
      if (!body.shownTo.includes(session.room.localParticipant.identity)) return;
      void outcomesVersion(body.outcomes).then((version) => {
        if (version === body.version) setShown({ version, outcomes: body.outcomes });
      });
    });
  }, [session]);

  const host = hostIdentity ? call.people.get(hostIdentity) : undefined;
  const announced = host ? currentConsent(host.consent).notes?.state === 'announced' : false;
  const state = currentConsent(call.myConsent).notes?.state;
  const mine =
    state === 'agreed' || state === 'declined' || state === 'withdrawn' ? state : undefined;
  return {
    announced,
    mine,
    asking: announced && mine === undefined,
    hostName: host?.name ?? t('call.other'),
    shown: shown && hostIdentity ? shown : null,
    answer: (answerState, comment) => {
      if (!session || !hostIdentity || !shown) return;
      void session.channel
        .send(
          'outcomes-answer',
          { version: shown.version, state: answerState, comment },
          { to: [hostIdentity] },
        )
        .catch(() => {});
      setShown(null);
    },
    setConsent: (consent) => call.recordConsent('notes', consent),
  };
}

/** "X writes down the outcomes": agree, decline, or take the agreement back. */
export function NotesConsent({ outcomes }: { outcomes: ClientOutcomesView }) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);
  const { asking, mine, setConsent } = outcomes;
  // A new question takes the focus, as the home-view question does.
  useEffect(() => {
    if (asking) first.current?.focus();
  }, [asking]);
  if (!outcomes.announced) return null;
  return (
    <div className="notice" role="status">
      <p>{t('notes.announced', { name: outcomes.hostName })}</p>
      {mine === 'agreed' ? (
        <button type="button" onClick={() => setConsent('withdrawn')}>
          {t('notes.withdraw')}
        </button>
      ) : mine === 'declined' || mine === 'withdrawn' ? (
        <p className="hint">{t('notes.youDeclined')}</p>
      ) : (
        <div className="row">
          <button
            ref={first}
            type="button"
            className="primary"
            onClick={() => setConsent('agreed')}
          >
            {t('notes.agree')}
          </button>
          <button type="button" onClick={() => setConsent('declined')}>
            {t('notes.decline')}
          </button>
        </div>
      )}
    </div>
  );
}

export function OutcomesDialog(props: {
  outcomes: Outcomes;
  hostName: string;
  onAnswer: (state: 'confirmed' | 'commented', comment: string) => void;
}) {
  const { t } = useTranslation();
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState('');
  const id = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const { goals, steps, nextAppointment } = props.outcomes;
  return (
    <div
      className="notice outcomes"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-heading`}
    >
      <h2 id={`${id}-heading`}>{t('notes.clientHeading', { name: props.hostName })}</h2>
      {goals.length > 0 && (
        <>
          <h3>{t('notes.goals')}</h3>
          <ul>
            {goals.map((goal, index) => (
              <li key={index}>{goal}</li>
            ))}
          </ul>
        </>
      )}
      {steps.length > 0 && (
        <>
          <h3>{t('notes.steps')}</h3>
          <ul>
            {steps.map((step, index) => (
              <li key={index}>
                {t('notes.stepSentence', {
                  who: step.who || '–',
                  what: step.what,
                  due: step.due || '–',
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {nextAppointment && (
        <p>
          <strong>{t('notes.nextAppointment')}:</strong> {nextAppointment}
        </p>
      )}
      {commenting ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            props.onAnswer('commented', comment.trim());
          }}
        >
          <label htmlFor={`${id}-comment`}>{t('notes.commentLabel')}</label>
          <textarea
            id={`${id}-comment`}
            className="text-field"
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className="primary">
            {t('notes.sendComment')}
          </button>
        </form>
      ) : (
        <div className="row">
          <button
            ref={first}
            type="button"
            className="primary"
            onClick={() => props.onAnswer('confirmed', '')}
          >
            {t('notes.confirm')}
          </button>
          <button type="button" onClick={() => setCommenting(true)}>
            {t('notes.addComment')}
          </button>
        </div>
      )}
    </div>
  );
}
