import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { WaitingRoomHostView } from './useWaitingRoomHost';

/** Who is knocking and since when; let them in or turn them away. */
export function WaitingRoomPanel({ lobby }: { lobby: WaitingRoomHostView }) {
  const { t } = useTranslation();
  const now = useMinuteClock();
  return (
    <section className="lobby" aria-labelledby="lobby-heading">
      <h2 id="lobby-heading">
        {t('lobby.heading')}{' '}
        {lobby.guests.length > 0 && <span className="count">({lobby.guests.length})</span>}
      </h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {lobby.notice}
      </p>
      {!lobby.connected && <p className="hint">{t('lobby.connecting')}</p>}
      {lobby.connected && lobby.guests.length === 0 && <p className="hint">{t('lobby.empty')}</p>}
      <ul className="people">
        {lobby.guests.map((guest) => {
          const minutes = Math.floor((now - guest.since) / 60_000);
          return (
            <li key={guest.identity} className="knocking">
              <span>
                <strong>{guest.name}</strong>{' '}
                <span className="hint">
                  {minutes < 1 ? t('lobby.waitingJustNow') : t('lobby.waitingSince', { minutes })}
                </span>
              </span>
              <span className="row">
                <button
                  type="button"
                  className="primary"
                  aria-label={t('lobby.admitLabel', { name: guest.name })}
                  onClick={() => void lobby.admit(guest.identity)}
                >
                  {t('lobby.admit')}
                </button>
                <button
                  type="button"
                  aria-label={t('lobby.declineLabel', { name: guest.name })}
                  onClick={() => void lobby.decline(guest.identity)}
                >
                  {t('lobby.decline')}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {lobby.admitAll && (
        <button type="button" onClick={() => void lobby.admitAll?.()}>
          {t('lobby.admitAll')}
        </button>
      )}
    </section>
  );
}

function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
