import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import './chat.css';
import { clockTime } from '../../i18n/dates';
import { openableAddress, splitMessage, type OpenableAddress } from './links';
import { MAX_MESSAGE_LENGTH, type ChatMessage, type useChat } from './useChat';

export interface ChatSidebarProps {
  chat: ReturnType<typeof useChat>;
  /** Display names by identity, as they arrived inside the encrypted room. */
  names: ReadonlyMap<string, string>;
  /** Called only after the person confirmed, and only with an http(s) address. */
  openLink: (url: string) => void;
  /** Host only: copies one message into the outcome notes; undefined hides the control. */
  onTakeIntoNotes?: (text: string) => void;
  /** For the chat button's `aria-controls`. */
  id?: string;
  /** False while the chat is out of sight (another tab, closed): messages stay unread. */
  visible?: boolean;
  /** Where the chat is a sheet of its own (a guest), a way to close it. */
  onClose?: () => void;
}

interface PendingLink {
  address: OpenableAddress;
  /** Gets the focus back when the question is answered. */
  opener: HTMLElement;
}

/** The call's chat: messages, a field to write, and links that open only when confirmed. */
export function ChatSidebar(props: ChatSidebarProps) {
  const { chat, names, openLink, onTakeIntoNotes, id, visible = true, onClose } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const followLatest = useRef(true);
  const [pending, setPending] = useState<PendingLink | null>(null);
  const [taken, setTaken] = useState<ReadonlySet<string>>(() => new Set());
  const { messages, unread, markRead, ready, send } = chat;

  // What is on screen has been seen.
  useEffect(() => {
    if (visible && unread > 0) markRead();
  }, [visible, unread, markRead]);

  // Keep the newest message in view, unless the person scrolled up to read.
  useEffect(() => {
    const log = logRef.current;
    const last = messages[messages.length - 1];
    if (log && (followLatest.current || last?.from === 'me')) log.scrollTop = log.scrollHeight;
  }, [messages]);

  const askToOpen = useCallback((url: string, opener: HTMLElement) => {
    const address = openableAddress(url);
    if (address) setPending({ address, opener });
  }, []);

  const take = useMemo(
    () =>
      onTakeIntoNotes &&
      ((message: ChatMessage) => {
        onTakeIntoNotes(message.text);
        setTaken((previous) => new Set(previous).add(message.id));
      }),
    [onTakeIntoNotes],
  );

  const answer = (confirmed: boolean) => {
    if (!pending) return;
    if (confirmed) openLink(pending.address.href);
    if (pending.opener.isConnected) pending.opener.focus();
    else fieldRef.current?.focus();
    setPending(null);
  };

  const nameOf = (from: string) =>
    from === 'me' ? t('chat.me') : (names.get(from) ?? t('chat.someone'));

  return (
    <section
      id={id}
      className="chat"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onClose && !pending) onClose();
      }}
    >
      <div className="chat-head">
        <h2 id={headingId}>{t('chat.heading')}</h2>
        {onClose && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('chat.close')}
            onClick={onClose}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
              <path
                d="M6 6l12 12M18 6 6 18"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            </svg>
          </button>
        )}
      </div>
      <p className="hint">{t('chat.privacy')}</p>
      <div
        ref={logRef}
        className="chat-log"
        role="log"
        aria-live="polite"
        aria-label={t('chat.log')}
        // Scrollable, so it must be reachable with the keyboard.
        tabIndex={0}
        onScroll={(event) => {
          const log = event.currentTarget;
          followLatest.current = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
        }}
      >
        {messages.length === 0 ? (
          <p className="hint chat-empty">{t('chat.empty')}</p>
        ) : (
          <ol className="chat-messages">
            {messages.map((message) => (
              <ChatMessageItem
                key={message.id}
                message={message}
                name={nameOf(message.from)}
                time={clockTime(message.at)}
                onOpenLink={askToOpen}
                taken={taken.has(message.id)}
                onTake={take}
              />
            ))}
          </ol>
        )}
      </div>
      <ChatComposer ready={ready} send={send} fieldRef={fieldRef} />
      {pending && <LinkQuestion address={pending.address} onAnswer={answer} />}
    </section>
  );
}

interface ChatMessageItemProps {
  message: ChatMessage;
  name: string;
  time: string;
  onOpenLink: (url: string, opener: HTMLElement) => void;
  taken: boolean;
  onTake: ((message: ChatMessage) => void) | undefined;
}

const ChatMessageItem = memo(function ChatMessageItem({
  message,
  name,
  time,
  onOpenLink,
  taken,
  onTake,
}: ChatMessageItemProps) {
  const { t } = useTranslation();
  const parts = useMemo(() => splitMessage(message.text), [message.text]);
  return (
    <li className={message.from === 'me' ? 'chat-message chat-mine' : 'chat-message'}>
      <p className="chat-meta">
        <span className="chat-sender">{name}</span>{' '}
        <time dateTime={new Date(message.at).toISOString()}>{time}</time>
      </p>
      <p className="chat-text">
        {parts.map((part, index) =>
          part.kind === 'link' ? (
            <button
              key={index}
              type="button"
              className="chat-link"
              aria-haspopup="dialog"
              onClick={(event) => onOpenLink(part.url, event.currentTarget)}
            >
              {part.text}
            </button>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </p>
      {onTake && (
        <button
          type="button"
          className="chat-to-notes"
          aria-label={
            taken
              ? undefined
              : message.from === 'me'
                ? t('chat.toNotesMineLabel')
                : t('chat.toNotesLabel', { name })
          }
          // Stays focusable once used, so keyboard focus is not lost.
          aria-disabled={taken || undefined}
          onClick={() => {
            if (!taken) onTake(message);
          }}
        >
          {taken ? t('chat.inNotes') : t('chat.toNotes')}
        </button>
      )}
    </li>
  );
});

interface ChatComposerProps {
  ready: boolean;
  send: (text: string) => Promise<boolean>;
  fieldRef: RefObject<HTMLTextAreaElement | null>;
}

function ChatComposer({ ready, send, fieldRef }: ChatComposerProps) {
  const { t } = useTranslation();
  const ids = { field: useId(), hint: useId() };
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);

  const submit = async () => {
    const text = draft;
    if (!ready || sending || text.trim() === '') return;
    setSending(true);
    setFailed(false);
    const sent = await send(text);
    setSending(false);
    // Whatever was typed meanwhile stays.
    if (sent) setDraft((current) => (current === text ? '' : current));
    else setFailed(true);
    fieldRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <form className="chat-form" onSubmit={onSubmit}>
      <label htmlFor={ids.field}>{t('chat.messageLabel')}</label>
      <textarea
        ref={fieldRef}
        id={ids.field}
        className="text-field chat-field"
        rows={2}
        maxLength={MAX_MESSAGE_LENGTH}
        value={draft}
        aria-describedby={ids.hint}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={ids.hint} className="hint">
        {ready ? t('chat.messageHint') : t('chat.notReady')}
      </p>
      {failed && (
        <p className="alert" role="alert">
          {t('chat.sendFailed')}
        </p>
      )}
      <div className="row chat-actions">
        <button
          type="submit"
          className="primary"
          disabled={!ready || sending}
          // The field keeps the focus when the button is clicked.
          onMouseDown={(event) => event.preventDefault()}
        >
          {t('chat.send')}
        </button>
      </div>
    </form>
  );
}

interface LinkQuestionProps {
  address: OpenableAddress;
  onAnswer: (confirmed: boolean) => void;
}

/** Asks before a link opens, naming the host and the full address plainly. */
function LinkQuestion({ address, onAnswer }: LinkQuestionProps) {
  const { t } = useTranslation();
  const ids = { heading: useId(), hint: useId() };
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    // Cancelling is the safe default.
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  // The page outside a modal dialog is inert: close first, then the opener can take focus.
  const answer = (confirmed: boolean) => {
    dialogRef.current?.close();
    onAnswer(confirmed);
  };

  return (
    <dialog
      ref={dialogRef}
      className="chat-dialog"
      aria-modal="true"
      aria-labelledby={ids.heading}
      aria-describedby={ids.hint}
      onCancel={(event) => {
        // Escape: answer "no" ourselves, so the focus goes back where it came from.
        event.preventDefault();
        answer(false);
      }}
    >
      <h2 id={ids.heading}>{t('chat.confirmHeading')}</h2>
      <p>
        {t('chat.confirmHost')} <strong className="chat-host">{address.host}</strong>
      </p>
      <p>
        {t('chat.confirmAddress')} <span className="chat-address">{address.href}</span>
      </p>
      <p id={ids.hint} className="hint">
        {t('chat.confirmHint')}
      </p>
      <div className="row">
        <button type="button" className="primary" onClick={() => answer(true)}>
          {t('chat.open')}
        </button>
        <button ref={cancelRef} type="button" onClick={() => answer(false)}>
          {t('chat.cancel')}
        </button>
      </div>
    </dialog>
  );
}
