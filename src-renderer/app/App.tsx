import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import type { AppApi } from '../../src-shared/api-surface';
import type { ConsultationView } from '../../src-shared/ipc-contract';
import { problemOf } from '../features/consultations/useConsultations';
import {
  entryFromFragment,
  forgetEarlierTraces,
  takeGuestEntry,
  type GuestEntry,
} from '../features/guest/guest-link';
import { GuestJourney } from '../features/guest/GuestJourney';
import { QuickExit } from '../features/guest/QuickExit';
import { reloadForNewServer } from '../platform/page-policy';
import { afterFirstPaint, lazyComponent } from './lazy';
import { LoadingBoundary } from './LoadingBoundary';
import { ProblemScreen, type Problem } from './ProblemScreen';
import { Shell } from './Shell';

// The worker's screens are never part of a guest's first load.
const ConsultationsHome = lazyComponent(() =>
  import('../features/consultations/ConsultationsHome').then((module) => module.ConsultationsHome),
);
const HostSession = lazyComponent(() =>
  import('../features/session/HostSession').then((module) => module.HostSession),
);
const RetentionSettings = lazyComponent(() =>
  import('../features/privacy/RetentionSettings').then((module) => module.RetentionSettings),
);
const SettingsScreen = lazyComponent(() =>
  import('../features/settings/SettingsScreen').then((module) => module.SettingsScreen),
);
const KeychainNotice = lazyComponent(() =>
  import('../features/storage/KeychainNotice').then((module) => module.KeychainNotice),
);
const ScreenPickerHost = lazyComponent(() =>
  import('../features/present/ScreenPicker').then((module) => module.ScreenPickerHost),
);

export function App({ api }: { api: AppApi | null }) {
  return api ? <HostApp api={api} /> : <GuestApp entry={takeGuestEntry()} />;
}

/** A page opened from an invite link: the guest journey, with quick exit always in reach. */
function GuestApp({ entry }: { entry: GuestEntry }) {
  useEffect(() => afterFirstPaint(forgetEarlierTraces), []);
  return (
    <Shell action={<QuickExit onExit={() => {}} />}>
      <GuestEntryView entry={entry} />
    </Shell>
  );
}

function GuestEntryView({ entry }: { entry: GuestEntry }) {
  switch (entry.kind) {
    case 'invite':
      return <GuestJourney invite={entry.invite} />;
    case 'problem':
      return <ProblemScreen problem={entry.problem} />;
    case 'none':
      return <ProblemScreen problem="link-malformed" />;
  }
}

type HostScreen =
  | { name: 'loading' }
  | { name: 'settings'; firstRun: boolean }
  | { name: 'home' }
  | { name: 'session'; consultation: ConsultationView }
  | { name: 'guest'; entry: GuestEntry }
  | { name: 'problem'; problem: Problem };

/** The worker's app (Electron, or browser mode): set-up, consultations, sessions. */
function HostApp({ api }: { api: AppApi }) {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<HostScreen>({ name: 'loading' });
  /** The server this page's CSP lets it reach: the one saved when the page was loaded. */
  const [servedFor, setServedFor] = useState<string | null>(null);
  const [keychainMissing, setKeychainMissing] = useState(false);

  useEffect(() => {
    let current = true;
    void api.getServerSettings().then((result) => {
      if (!current) return;
      if (!result.ok) return setScreen({ name: 'problem', problem: problemOf(result.error.code) });
      setServedFor(result.value.serverUrl);
      setScreen(result.value.configured ? { name: 'home' } : { name: 'settings', firstRun: true });
    });
    void api.getAppInfo().then((result) => {
      if (current && result.ok) setKeychainMissing(result.value.secretStore === 'missing');
    });
    return () => {
      current = false;
    };
  }, [api]);

  // An augenhoehe://join link opened on this computer: join as a guest (say, a team meeting).
  useEffect(
    () =>
      api.onDeepLink(({ fragment }) =>
        setScreen({ name: 'guest', entry: entryFromFragment(fragment, false) }),
      ),
    [api],
  );

  const settingsButton =
    screen.name === 'home' ? (
      <button
        type="button"
        className="link-button"
        onClick={() => setScreen({ name: 'settings', firstRun: false })}
      >
        {t('app.settings')}
      </button>
    ) : undefined;

  // Before any work is done, on the screens where it is started: what cannot be kept.
  const notice =
    keychainMissing && (screen.name === 'home' || screen.name === 'settings') ? (
      <KeychainNotice />
    ) : null;

  return (
    <Shell action={settingsButton}>
      <LoadingBoundary>
        {notice ? (
          <div className="stack">
            {notice}
            {render()}
          </div>
        ) : (
          render()
        )}
        {/* The desktop app asks here which screen or window to share. */}
        <ScreenPickerHost api={api} />
      </LoadingBoundary>
    </Shell>
  );

  function render() {
    switch (screen.name) {
      case 'loading':
        return (
          <p className="status" role="status">
            {t('call.connecting')}
          </p>
        );
      case 'settings':
        return (
          <div className="stack">
            <SettingsScreen
              api={api}
              onDone={(saved) => {
                // A call to a server the page's policy does not name would be blocked.
                if (saved.serverUrl !== servedFor) reloadForNewServer();
                else setScreen({ name: 'home' });
              }}
              onCancel={screen.firstRun ? undefined : () => setScreen({ name: 'home' })}
            />
            {!screen.firstRun && <RetentionSettings api={api} />}
          </div>
        );
      case 'home':
        return (
          <ConsultationsHome
            api={api}
            onBegin={(consultation) => setScreen({ name: 'session', consultation })}
          />
        );
      case 'session':
        return (
          <HostSession
            api={api}
            consultation={screen.consultation}
            onEnd={() => setScreen({ name: 'home' })}
          />
        );
      case 'guest':
        return <GuestEntryView entry={screen.entry} />;
      case 'problem':
        return <ProblemScreen problem={screen.problem} />;
    }
  }
}
