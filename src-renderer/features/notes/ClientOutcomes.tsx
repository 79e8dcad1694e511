import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomesVersion, type ClientOutcomes as Outcomes } from '../../../src-shared/outcomes';
import type { CallView } from '../call/useCallSession';
import { currentConsent } from '../consent/consent';

/**
 * The client's side of the outcome notes: told that they are kept, free to say no, and
 * shown the outcomes in plain words to confirm or add to ("auf Augenhöhe").
 */
export function ClientOutcomes({ call }: { call: CallView }) {
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
  const mine = currentConsent(call.myConsent).notes?.state;
  const hostName = host?.name ?? t('call.other');
  const answer = (state: 'confirmed' | 'commented', comment: string) => {
    if (!session || !hostIdentity || !shown) return;
    void session.channel
      .send('outcomes-answer', { version: shown.version, state, comment }, { to: [hostIdentity] })
      .catch(() => {});
    setShown(null);
  };

  return (
    <>
      {announced && (
        <div className="notice" role="status">
          <p>{t('notes.announced', { name: hostName })}</p>
          {mine === 'agreed' ? (
            <button type="button" onClick={() => call.recordConsent('notes', 'withdrawn')}>
              {t('notes.withdraw')}
            </button>
          ) : mine === 'declined' || mine === 'withdrawn' ? (
            <p className="hint">{t('notes.youDeclined')}</p>
          ) : (
            <div className="row">
              <button
                type="button"
                className="primary"
                onClick={() => call.recordConsent('notes', 'agreed')}
              >
                {t('notes.agree')}
              </button>
              <button type="button" onClick={() => call.recordConsent('notes', 'declined')}>
                {t('notes.decline')}
              </button>
            </div>
          )}
        </div>
      )}
      {shown && hostIdentity && (
        <OutcomesDialog outcomes={shown.outcomes} hostName={hostName} onAnswer={answer} />
      )}
    </>
  );
}

function OutcomesDialog(props: {
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
