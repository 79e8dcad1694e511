import { useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import {
  CameraIcon,
  ChatIcon,
  DocumentIcon,
  HandIcon,
  LeaveIcon,
  MicrophoneIcon,
  MoreIcon,
  ScreenIcon,
} from './icons';
import { useFocusReturn } from './useFocusReturn';
import { useModal } from './useModal';

export interface CallControlsState {
  /** False until the local encryption is active: nothing may be published before. */
  ready: boolean;
  microphone: boolean;
  camera: boolean;
  screen: boolean;
  hand: boolean;
  chatOpen: boolean;
  chatUnread: number;
  moreOpen: boolean;
  /** The ids of what the chat and "more" buttons open, while it is open. */
  chatId?: string;
  moreId?: string;
}

/** An action left undefined is not offered here (a phone cannot share its screen). */
export interface CallControlsActions {
  setMicrophone: (on: boolean) => void;
  setCamera: (on: boolean) => void;
  /** Starts (after the question, see useScreenShare) or stops sharing the screen. */
  toggleScreen?: () => void;
  setHand: (raised: boolean) => void;
  toggleChat: () => void;
  toggleMore: () => void;
  /** Asks first (see LeaveDialog). */
  leave: () => void;
  /** "PDF zeigen" (its question and focus handling come with it); absent where not allowed. */
  presentPdf?: ComponentProps<'button'>;
}

export type CallControlsProps = CallControlsState & CallControlsActions;

/**
 * Browsers on phones and tablets cannot share a screen; the control is not offered there (a
 * touch-only device is taken for one, which also keeps the phone's bar to six buttons).
 */
export const canShareScreen =
  typeof navigator !== 'undefined' &&
  typeof navigator.mediaDevices?.getDisplayMedia === 'function' &&
  !window.matchMedia('(pointer: coarse) and (not (any-pointer: fine))').matches;

/**
 * The control bar, always in view at the bottom: microphone, camera, share, chat, hand,
 * more, leave. Each an icon with a short word under it; the accessible name says what a
 * press does, `aria-pressed` says what is on.
 */
export function CallControls(props: CallControlsProps) {
  const { t } = useTranslation();
  const { ready, microphone, camera, screen, hand, chatOpen, chatUnread, moreOpen } = props;
  const { toggleScreen } = props;
  return (
    <>
      <div className="call-controls" role="group" aria-label={t('call.controls')}>
        <ControlButton
          icon={<MicrophoneIcon off={!microphone} />}
          label={t('screen.bar.microphone')}
          name={microphone ? t('call.microphoneOn') : t('call.microphoneOff')}
          pressed={microphone}
          tone={microphone ? undefined : 'off'}
          disabled={!ready}
          onClick={() => props.setMicrophone(!microphone)}
        />
        <ControlButton
          icon={<CameraIcon off={!camera} />}
          label={t('screen.bar.camera')}
          name={camera ? t('call.cameraOnButton') : t('call.cameraOffButton')}
          pressed={camera}
          tone={camera ? undefined : 'off'}
          disabled={!ready}
          onClick={() => props.setCamera(!camera)}
        />
        {toggleScreen && (
          <ControlButton
            spill
            icon={<ScreenIcon />}
            label={screen ? t('screen.bar.shareStop') : t('screen.bar.share')}
            name={screen ? t('call.screenStop') : t('call.screenShare')}
            pressed={screen}
            tone={screen ? 'active' : undefined}
            disabled={!ready}
            onClick={toggleScreen}
          />
        )}
        {props.presentPdf && (
          <button
            {...props.presentPdf}
            className="control"
            data-spill="true"
            aria-label={String(props.presentPdf.children)}
          >
            <span className="control-icon">
              <DocumentIcon />
            </span>
            <span className="control-label" aria-hidden="true">
              {t('screen.bar.pdf')}
            </span>
          </button>
        )}
        <ControlButton
          icon={<ChatIcon />}
          label={t('screen.bar.chat')}
          name={chatUnread > 0 ? t('chat.toggleLabel', { count: chatUnread }) : t('chat.toggle')}
          expanded={chatOpen}
          controls={chatOpen ? props.chatId : undefined}
          tone={chatOpen ? 'active' : undefined}
          badge={chatUnread > 0 ? (chatUnread > 99 ? '99+' : String(chatUnread)) : undefined}
          onClick={props.toggleChat}
        />
        <ControlButton
          icon={<HandIcon />}
          label={t('screen.bar.hand')}
          name={hand ? t('screen.bar.handLower') : t('screen.bar.handRaise')}
          pressed={hand}
          tone={hand ? 'active' : undefined}
          disabled={!ready}
          onClick={() => props.setHand(!hand)}
        />
        <ControlButton
          icon={<MoreIcon />}
          label={t('screen.bar.more')}
          name={t('screen.bar.more')}
          expanded={moreOpen}
          controls={moreOpen ? props.moreId : undefined}
          tone={moreOpen ? 'active' : undefined}
          onClick={props.toggleMore}
        />
        <ControlButton
          icon={<LeaveIcon />}
          label={t('screen.bar.leave')}
          name={t('call.leave')}
          tone="leave"
          onClick={props.leave}
        />
      </div>
      <span className="visually-hidden" role="status">
        {chatUnread > 0 && !chatOpen ? t('chat.unreadStatus', { count: chatUnread }) : ''}
      </span>
    </>
  );
}

function ControlButton(props: {
  icon: ReactNode;
  /** The short word under the icon. */
  label: string;
  /** What a press does, for screen readers and voice control; it contains the short word. */
  name: string;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  tone?: 'off' | 'active' | 'leave';
  badge?: string;
  disabled?: boolean;
  /** Moves into "Mehr" in a narrow window (`.control[data-spill]` in call-screen.css). */
  spill?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="control"
      data-tone={props.tone}
      data-spill={props.spill}
      aria-label={props.name}
      aria-pressed={props.pressed}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <span className="control-icon">
        {props.icon}
        {props.badge && (
          <span className="control-badge" aria-hidden="true">
            {props.badge}
          </span>
        )}
      </span>
      <span className="control-label" aria-hidden="true">
        {props.label}
      </span>
    </button>
  );
}

/**
 * Sharing the screen from the bar or from "Mehr": `toggle` stops at once, or asks first;
 * `question` is that question while it is open. Undefined `setScreen`: not offered here.
 */
export function useScreenShare(
  screen: boolean,
  setScreen: ((on: boolean) => void) | undefined,
): { toggle?: () => void; question: ReactNode } {
  const [asking, setAsking] = useState(false);
  if (!setScreen) return { question: null };
  return {
    toggle: () => (screen ? setScreen(false) : setAsking(true)),
    question: asking ? (
      <ScreenShareQuestion
        onAnswer={(yes) => {
          setAsking(false);
          if (yes) setScreen(true);
        }}
      />
    ) : null,
  };
}

/** The app asks first, in its own words, before the browser's picker appears. */
function ScreenShareQuestion({ onAnswer }: { onAnswer: (yes: boolean) => void }) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);
  const dialog = useModal(() => onAnswer(false));
  useFocusReturn();
  useEffect(() => first.current?.focus(), []);
  return (
    <dialog
      ref={dialog}
      className="call-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="screen-question-heading"
      aria-describedby="screen-question-text"
    >
      <h2 id="screen-question-heading">{t('call.screenQuestion')}</h2>
      <p id="screen-question-text">{t('call.screenExplain')}</p>
      <div className="row">
        <button ref={first} type="button" className="primary" onClick={() => onAnswer(true)}>
          {t('call.screenYes')}
        </button>
        <button type="button" onClick={() => onAnswer(false)}>
          {t('consent.cancel')}
        </button>
      </div>
    </dialog>
  );
}
