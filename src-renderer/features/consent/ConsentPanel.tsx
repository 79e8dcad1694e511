import { useTranslation } from '../../i18n/useTranslation';
import type { CallView } from '../call/useCallSession';
import { consentPurposes, currentConsent, sessionMinute, type ConsentEvent } from './consent';

/** What each person in the room has agreed to, and since which minute of the session. */
export function ConsentPanel({
  call,
}: {
  call: Pick<CallView, 'people' | 'myConsent' | 'sessionStart'>;
}) {
  const { t } = useTranslation();
  const rows = [
    { identity: 'me', name: t('call.you'), consent: call.myConsent },
    ...[...call.people.entries()].map(([identity, card]) => ({
      identity,
      name: card.name ?? t('call.unknownPerson'),
      consent: card.consent,
    })),
  ];
  return (
    <section className="consent-panel" aria-labelledby="consent-heading">
      <h2 id="consent-heading">{t('consent.heading')}</h2>
      <ul className="people">
        {rows.map((row) => (
          <li key={row.identity} className="consent-person">
            <strong>{row.name}</strong>
            <ConsentList events={row.consent} sessionStart={call.sessionStart} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ConsentList({
  events,
  sessionStart,
}: {
  events: readonly ConsentEvent[];
  sessionStart: number;
}) {
  const { t } = useTranslation();
  const current = currentConsent(events);
  const shown = consentPurposes.filter((purpose) => current[purpose]);
  if (shown.length === 0) return <p className="hint">{t('consent.nothingYet')}</p>;
  return (
    <dl className="consent-list">
      {shown.map((purpose) => {
        const event = current[purpose] as ConsentEvent;
        return (
          <div key={purpose} data-purpose={purpose} data-state={event.state}>
            <dt>{t(`consent.purpose.${purpose}`)}</dt>
            <dd>
              {t(`consent.state.${event.state}`)}{' '}
              <span className="hint">
                {t('consent.atMinute', { minute: sessionMinute(event.at, sessionStart) })}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
