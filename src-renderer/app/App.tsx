import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppApi } from '../../src-shared/api-surface';
import { CallView } from '../features/call/CallView';
import type { CallTicket, MediaConsent } from '../features/call/useEncryptedCall';
import { takeGuestLink } from '../features/guest/guest-link';
import { HostHome } from '../features/host/HostHome';
import { PreJoin } from '../features/prejoin/PreJoin';
import { ProblemScreen, type Problem } from './ProblemScreen';
import { Shell } from './Shell';

type Role = 'host' | 'guest';
type Screen =
  | { name: 'host-home' }
  | { name: 'prejoin'; role: Role; ticket: () => Promise<CallTicket | Problem> }
  | { name: 'call'; role: Role; ticket: CallTicket; consent: MediaConsent }
  | { name: 'left'; role: Role }
  | { name: 'problem'; problem: Problem };

function firstScreen(api: AppApi | null): Screen {
  if (api) return { name: 'host-home' };
  const parsed = takeGuestLink();
  if (!parsed.ok) return { name: 'problem', problem: parsed.problem };
  const { serverUrl, token, key } = parsed.link;
  return { name: 'prejoin', role: 'guest', ticket: async () => ({ serverUrl, token, key }) };
}

export function App({ api }: { api: AppApi | null }) {
  const [screen, setScreen] = useState<Screen>(() => firstScreen(api));
  return <Shell>{render()}</Shell>;

  function render() {
    switch (screen.name) {
      case 'host-home':
        return (
          api && (
            <HostHome
              api={api}
              onEnter={(ticket) => setScreen({ name: 'prejoin', role: 'host', ticket })}
            />
          )
        );
      case 'prejoin':
        return (
          <PreJoin
            onJoin={async (consent) => {
              const ticket = await screen.ticket();
              setScreen(
                typeof ticket === 'string'
                  ? { name: 'problem', problem: ticket }
                  : { name: 'call', role: screen.role, ticket, consent },
              );
            }}
          />
        );
      case 'call':
        return (
          <CallView
            ticket={screen.ticket}
            consent={screen.consent}
            onLeave={() => setScreen({ name: 'left', role: screen.role })}
          />
        );
      case 'left':
        return <LeftScreen role={screen.role} onBack={() => setScreen({ name: 'host-home' })} />;
      case 'problem':
        return <ProblemScreen problem={screen.problem} />;
    }
  }
}

function LeftScreen({ role, onBack }: { role: Role; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="left-heading">
      <h1 id="left-heading">{t('left.heading')}</h1>
      {role === 'host' ? (
        <button type="button" onClick={onBack}>
          {t('left.hostBack')}
        </button>
      ) : (
        <p>{t('left.guestClose')}</p>
      )}
    </section>
  );
}
