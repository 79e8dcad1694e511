import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { ProblemScreen } from '../../app/ProblemScreen';
import { ChatSidebar } from '../chat/ChatSidebar';
import { useChat } from '../chat/useChat';
import { ConnectionBanner, MyQuality } from '../connection/ConnectionBanner';
import { ConsentPanel } from '../consent/ConsentPanel';
import { DeviceRequestPrompt } from '../people/DeviceRequestPrompt';
import { ParticipantList } from '../people/ParticipantList';
import { HomeViewPrompt } from '../consent/HomeView';
import { arrivalsBetween, knocksOver, newKnocks, type SeenPerson } from './arrivals';
import { CallControls, canShareScreen, useScreenShare } from './CallControls';
import { EncryptionBadge } from './EncryptionBadge';
import { LeaveDialog } from './LeaveDialog';
import { MoreSheet } from './MoreSheet';
import { SafetyCode } from './SafetyCode';
import { Sheet } from './Sheet';
import { CountBadge, SidePanel, type PanelTab } from './SidePanel';
import type { LayoutMode } from './stage-layout';
import { Toasts, useToasts } from './Toasts';
import type { CallView } from './useCallSession';
import { useNarrow } from './useNarrow';
import { VerifiedAudio, VideoStage } from './VideoStage';
import { usePresentPdf } from '../present/PresentPdf';
import { PresentationStage } from '../present/PresentationStage';
import { useCallPresentation } from './useCallPresentation';
import './call-screen.css';
import { ScreenHeading } from '../../app/ScreenHeading';

export interface CallStageActions {
  /** After this person left the call (alone, or ending it for everyone). */
  onLeave: () => void;
  onRetry: () => void;
  /** Opens a confirmed chat link: system browser (desktop) or a new tab (guest page). */
  openLink: (url: string) => void;
  /** Host only: copies a chat message into the outcome notes. */
  takeIntoNotes?: (text: string) => void;
}

/** The host's side panel: what only the host has. */
export interface HostPanel {
  lobby: {
    content: ReactNode;
    /** Who waits now (for the badge, the notices and the window title). */
    waiting: readonly { identity: string; name: string }[];
  };
  notes: {
    content: ReactNode;
    /** Grows with each answer from a client. */
    answers: number;
  };
}

/** The guest's questions and outcomes, shown as sheets. */
export interface GuestSheets {
  /** The notes notice (agree, decline, take back); null before anything was announced. */
  notes: ReactNode;
  /** A notes question waits for an answer. */
  notesAsking: boolean;
  /** Outcomes shown to confirm, or null. */
  outcomes: ReactNode;
}

export type CallStageProps = {
  call: CallView;
  /** The host's panel (the waiting room, the notes); absent for a guest. */
  host?: HostPanel;
  guest?: GuestSheets;
} & CallStageActions;

type SheetName = 'more' | 'consent' | 'outcomes';
type TabName = 'lobby' | 'people' | 'chat' | 'notes' | 'consent';

/**
 * The call as everyone sees it, filling the window: a status line, the stage, and the
 * control bar always in view; the host's side panel, or the guest's sheets. What differs
 * for the host comes in as actions and `host`.
 */
export function CallStage(props: CallStageProps) {
  const { call, host, guest, onLeave, onRetry, openLink, takeIntoNotes } = props;
  const { t } = useTranslation();
  const base = useId();
  // One chat per room, for the whole call: a second handler on the topic would get nothing.
  const chat = useChat(call.session, call.phase === 'ready');
  const [mode, setMode] = useState<LayoutMode>('grid');
  const [tab, setTab] = useState<TabName>('lobby');
  const [tabBeforeChat, setTabBeforeChat] = useState<TabName>('lobby');
  const [chatOpen, setChatOpen] = useState(() => window.matchMedia('(min-width: 901px)').matches);
  const sideButton = useRef<HTMLButtonElement>(null);
  const side = useHostSide(`${base}-side`, sideButton);
  const [chosen, setChosen] = useState<SheetName | null>(null);
  const [onTop, setOnTop] = useState<'chat' | 'sheet'>('sheet');
  const [leaving, setLeaving] = useState(false);
  const toasts = useToasts();
  const presentation = useCallPresentation(call);
  const pdf = usePresentPdf(presentation);
  const share = useScreenShare(
    call.screen,
    canShareScreen ? (on) => void call.setScreen(on) : undefined,
  );

  // A new question for the guest opens its sheet over whatever was open.
  const prompt: SheetName | null = guest?.outcomes
    ? 'outcomes'
    : call.homeViewRequest || guest?.notesAsking
      ? 'consent'
      : null;
  const [lastPrompt, setLastPrompt] = useState<SheetName | null>(null);
  if (prompt !== lastPrompt) {
    setLastPrompt(prompt);
    if (prompt) {
      setChosen(null);
      setOnTop('sheet');
    }
  }
  const sheet = chosen ?? prompt;

  useArrivalNotices(call, toasts, host, () => {
    setTab('lobby');
    side.show();
  });
  useWaitingTitle(host?.lobby.waiting.length ?? 0);

  if (call.phase === 'failed')
    return (
      <ProblemScreen
        problem={call.failure === null || call.failure === 'key-missed' ? 'internal' : call.failure}
        onRetry={onRetry}
      />
    );
  if (!call.room) {
    return (
      <p className="status" role="status">
        {t('call.connecting')}
      </p>
    );
  }

  const ready = call.phase === 'ready';
  // A presented PDF takes the focus of the stage, with a strip of people beside it.
  const stageFocus =
    presentation.presenting || presentation.viewing ? (
      <PresentationStage
        presentation={presentation}
        nameOf={(identity) => call.names.get(identity)}
      />
    ) : null;
  const chatVisible = host ? tab === 'chat' && side.shown : chatOpen;
  const chatId = `${base}-chat`;
  const moreId = `${base}-more`;
  const openSheet = (name: SheetName | null) => {
    setChosen(name);
    if (name) setOnTop('sheet');
  };
  const chatPanel = (
    <ChatSidebar
      id={chatId}
      chat={chat}
      visible={chatVisible}
      names={call.names}
      openLink={openLink}
      onTakeIntoNotes={takeIntoNotes}
      onClose={host ? undefined : () => setChatOpen(false)}
    />
  );

  return (
    <>
      <div className="call-screen" data-host={host !== undefined} data-on-top={onTop}>
        <ScreenHeading className="visually-hidden">{t('screen.heading')}</ScreenHeading>
        <div className="call-top" role="group" aria-label={t('screen.top')}>
          <EncryptionBadge active={ready} />
          <SafetyCode code={call.safetyCode} rejected={call.rejectedMessages} />
          {call.phase === 'connecting' && <span role="status">{t('call.connecting')}</span>}
          <MyQuality call={call} />
          {host && side.narrow && (
            <button
              ref={sideButton}
              type="button"
              className="side-toggle"
              aria-expanded={side.open}
              aria-controls={side.id}
              onClick={side.toggle}
            >
              {t('screen.tabs.label')}
              {host.lobby.waiting.length > 0 && <CountBadge count={host.lobby.waiting.length} />}
            </button>
          )}
        </div>
        <div className="call-body">
          <div className="call-main">
            <div className="call-notices">
              <ConnectionBanner call={call} />
              <CallAlerts call={call} />
              {call.homeViewActive && <HomeViewPrompt call={call} />}
              <DeviceRequestPrompt call={call} />
              {presentation.ended === 'taken-over' && (
                <p className="notice notice-line" role="status">
                  {t('present.takenOver')}
                </p>
              )}
              {call.screen && (
                <p className="notice notice-line" role="status">
                  {t('screen.stage.youShare')}
                </p>
              )}
            </div>
            <VideoStage call={call} mode={mode} stageFocus={stageFocus} />
            <Toasts {...toasts} />
            {sheet === 'more' && (
              <MoreSheet
                id={moreId}
                call={call}
                mode={mode}
                setMode={setMode}
                onClose={() => openSheet(null)}
                onOpenConsent={guest ? () => openSheet('consent') : undefined}
                spilled={{
                  screen: call.screen,
                  toggleScreen: share.toggle,
                  presentPdf: pdf.ask ?? undefined,
                }}
              />
            )}
            {sheet === 'consent' && guest && (
              <Sheet
                label={t('screen.sheet.consent')}
                showHeading={false}
                kind={prompt === 'consent' && chosen === null ? 'prompt' : 'panel'}
                takeFocus={prompt !== 'consent' || chosen !== null}
                onClose={chosen === 'consent' ? () => openSheet(null) : undefined}
              >
                {call.homeViewRequest && <HomeViewPrompt call={call} />}
                {guest.notes}
                <ConsentPanel call={call} />
              </Sheet>
            )}
            {sheet === 'outcomes' && guest?.outcomes && (
              <Sheet
                label={t('screen.sheet.outcomes')}
                showHeading={false}
                kind="prompt"
                takeFocus={false}
              >
                {guest.outcomes}
              </Sheet>
            )}
          </div>
          {host ? (
            <aside
              id={side.id}
              className="call-side"
              aria-label={t('screen.tabs.label')}
              hidden={!side.shown}
            >
              <SidePanel
                active={tab}
                onSelect={(id) => setTab(id as TabName)}
                tabs={hostTabs(host, call, chat.unread, chatPanel, props, t)}
                onClose={side.narrow ? side.close : undefined}
              />
            </aside>
          ) : (
            <aside className="call-side" aria-label={t('screen.sheet.chat')} hidden={!chatOpen}>
              {chatPanel}
            </aside>
          )}
        </div>
        <VerifiedAudio call={call} />
        <CallControls
          ready={ready}
          microphone={call.microphone}
          camera={call.camera}
          screen={call.screen}
          hand={call.hand}
          chatOpen={chatVisible}
          chatUnread={chatVisible ? 0 : chat.unread}
          moreOpen={sheet === 'more'}
          chatId={chatId}
          moreId={moreId}
          setMicrophone={(on) => void call.setMicrophone(on)}
          setCamera={(on) => void call.setCamera(on)}
          toggleScreen={share.toggle}
          setHand={call.setHand}
          toggleChat={() => {
            if (host) {
              if (!side.shown) {
                setTab('chat');
                side.show();
              } else if (tab === 'chat') {
                // In a phone-sized window the chat lay over the stage: closing it shows the video.
                if (side.narrow) side.close();
                else setTab(tabBeforeChat);
              } else {
                setTabBeforeChat(tab);
                setTab('chat');
              }
            } else {
              setChatOpen(!chatOpen);
              if (!chatOpen) setOnTop('chat');
            }
          }}
          toggleMore={() => openSheet(sheet === 'more' ? null : 'more')}
          leave={() => setLeaving(true)}
          presentPdf={pdf.buttonProps ?? undefined}
        />
        {pdf.question}
        {share.question}
        {leaving && (
          <LeaveDialog
            onStay={() => setLeaving(false)}
            onLeave={() => void call.leave().finally(onLeave)}
            onEndForAll={host ? () => void call.endForAll().finally(onLeave) : undefined}
          />
        )}
      </div>
    </>
  );
}

function hostTabs(
  host: HostPanel,
  call: CallView,
  unread: number,
  chatPanel: ReactNode,
  actions: CallStageActions,
  t: (key: string) => string,
): PanelTab[] {
  const people = [...call.people.values()];
  const hands = people.filter((person) => person.hand).length;
  const consentEvents = people.reduce((sum, person) => sum + person.consent.length, 0);
  return [
    {
      id: 'lobby',
      label: t('screen.tabs.lobby'),
      content: host.lobby.content,
      count: host.lobby.waiting.length,
    },
    {
      id: 'people',
      label: t('screen.tabs.people'),
      content: <ParticipantList call={call} handButton={false} />,
      count: hands,
    },
    { id: 'chat', label: t('screen.tabs.chat'), content: chatPanel, count: unread },
    {
      id: 'notes',
      label: t('screen.tabs.notes'),
      content: host.notes.content,
      activity: host.notes.answers,
      wide: true,
    },
    {
      id: 'consent',
      label: t('screen.tabs.consent'),
      content: <ConsentPanel call={call} />,
      activity: consentEvents,
    },
  ];
}

/**
 * The host's side panel: beside the stage, or, in a phone-sized window, over it. There it
 * starts closed (the video first), opens on demand and closes again; a window made
 * phone-sized closes it, made wide again shows it beside the stage.
 */
function useHostSide(id: string, button: RefObject<HTMLButtonElement | null>) {
  const narrow = useNarrow();
  const [open, setOpen] = useState(() => !narrow);
  const [wasNarrow, setWasNarrow] = useState(narrow);
  if (narrow !== wasNarrow) {
    setWasNarrow(narrow);
    setOpen(!narrow);
  }
  const focusPanel = useRef(false);
  // Opened with its button, the panel takes the focus (its open tab), as a sheet does.
  useEffect(() => {
    if (!open || !focusPanel.current) return;
    focusPanel.current = false;
    document.getElementById(id)?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }, [open, id]);
  return {
    id,
    narrow,
    open,
    shown: !narrow || open,
    show: () => setOpen(true),
    toggle: () => {
      if (!open) focusPanel.current = true;
      setOpen(!open);
    },
    close: () => {
      setOpen(false);
      button.current?.focus();
    },
  };
}

/**
 * Notices over the stage: who came and went, whose hand went up; for the host each knock
 * too (the waiting room already chimes), gone once that guest no longer waits.
 */
function useArrivalNotices(
  call: CallView,
  { push, dismiss }: Pick<ReturnType<typeof useToasts>, 'push' | 'dismiss'>,
  host: HostPanel | undefined,
  showLobby: () => void,
) {
  const { t } = useTranslation();
  const seen = useRef<ReadonlyMap<string, SeenPerson>>(new Map());
  const knocking = useRef<ReadonlySet<string>>(new Set());
  const room = call.room;

  useEffect(() => {
    const after = new Map<string, SeenPerson>();
    for (const [identity, person] of call.people) {
      // Only what the app could check is announced.
      if (person.trust === 'verified') after.set(identity, person);
    }
    const mine = room?.localParticipant.joinedAt?.getTime() ?? 0;
    const cameBeforeMe = (identity: string) =>
      (room?.remoteParticipants.get(identity)?.joinedAt?.getTime() ?? Infinity) <= mine;
    for (const arrival of arrivalsBetween(seen.current, after, cameBeforeMe)) {
      push({
        key: `${arrival.kind}:${arrival.identity}`,
        text: t(`screen.toast.${arrival.kind}`, { name: arrival.name }),
      });
    }
    seen.current = after;
  }, [call.people, room, push, t]);

  const waiting = host?.lobby.waiting;
  useEffect(() => {
    if (!waiting) return;
    for (const guest of newKnocks(knocking.current, waiting)) {
      push({
        key: `knock:${guest.identity}`,
        text: t('lobby.knocked', { name: guest.name }),
        action: { label: t('screen.toast.toLobby'), run: showLobby },
      });
    }
    // Let in, turned away or gone: "… waits" would no longer be true.
    for (const identity of knocksOver(knocking.current, waiting)) dismiss(`knock:${identity}`);
    knocking.current = new Set(waiting.map((guest) => guest.identity));
    // showLobby only selects a tab; a new function each render changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waiting, push, dismiss, t]);
}

/** While someone waits the window title says so (no name: titles show in task bars). */
function useWaitingTitle(waiting: number) {
  const { t } = useTranslation();
  useEffect(() => {
    if (waiting === 0) return;
    const before = document.title;
    document.title = t('screen.title.waiting', { count: waiting });
    return () => {
      document.title = before;
    };
  }, [waiting, t]);
}

function CallAlerts({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const people = [...call.people.values()];
  const undecryptable = people.filter((p) => p.trust === 'undecryptable').length;
  const unencrypted = people.filter((p) => p.trust === 'unencrypted').length;
  return (
    <>
      {undecryptable > 0 && (
        <p className="alert" role="alert">
          {undecryptable === people.length ? t('call.cannotDecrypt') : t('call.cannotDecryptSome')}
        </p>
      )}
      {unencrypted > 0 && (
        <p className="alert" role="alert">
          {t('call.unencryptedSomeone')}
        </p>
      )}
      {call.deviceProblem && (
        <p className="alert" role="alert">
          {t('call.deviceDenied')}
        </p>
      )}
    </>
  );
}
