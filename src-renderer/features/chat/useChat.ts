import { useCallback, useEffect, useState } from 'react';
import type { CallSession } from '../../livekit/call-session';

/** Longest message, in UTF-16 code units (what a text field's `maxLength` counts). */
export const MAX_MESSAGE_LENGTH = 4000;
/** Messages kept on screen; older ones drop off, so a flood cannot exhaust memory. */
export const MAX_MESSAGES = 500;

export interface ChatMessage {
  id: string;
  /** The sender's identity, or `'me'`. */
  from: string;
  text: string;
  /** When it was sent, in ms since the epoch. */
  at: number;
}

export interface ChatState {
  messages: readonly ChatMessage[];
  /** Messages from others since the last `markRead`. */
  unread: number;
  /** True once the local encryption is active: only then can anything be sent. */
  ready: boolean;
}

export interface ChatActions {
  /** Sends to everyone in the room; false (and nothing sent) before encryption is active. */
  send: (text: string) => Promise<boolean>;
  markRead: () => void;
}

interface ChatLog {
  session: CallSession | null;
  messages: readonly ChatMessage[];
  unread: number;
}

const EMPTY: readonly ChatMessage[] = [];
let nextId = 0;
const newId = () => `m${(nextId += 1)}`;

/** A message as it may be shown: trimmed, not empty, not too long; otherwise null. */
export function cleanMessage(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= MAX_MESSAGE_LENGTH ? trimmed : null;
}

/**
 * The call's chat: sealed messages on the call core's channel (bound to their sender, so
 * nobody can post in someone else's name), held in memory only, so it is gone when the
 * call ends. Only people whose sealed hello arrived can write; what does not open is never
 * shown.
 */
export function useChat(session: CallSession | null, ready: boolean): ChatState & ChatActions {
  const [log, setLog] = useState<ChatLog>({ session, messages: EMPTY, unread: 0 });

  const append = useCallback(
    (forSession: CallSession, message: ChatMessage) =>
      setLog((previous) => {
        const same = previous.session === forSession;
        const messages = same ? previous.messages : EMPTY;
        return {
          session: forSession,
          messages: [...messages, message].slice(-MAX_MESSAGES),
          unread: (same ? previous.unread : 0) + (message.from === 'me' ? 0 : 1),
        };
      }),
    [],
  );

  useEffect(() => {
    if (!session) return;
    return session.channel.on('chat', ({ body, from }) => {
      const text = cleanMessage(body.text);
      // Someone sent out keeps the old key for a few seconds: their lines are not shown.
      if (text === null || !session.canShow(from)) return;
      append(session, { id: newId(), from, text, at: Date.now() });
    });
  }, [session, append]);

  const send = useCallback(
    async (text: string): Promise<boolean> => {
      const message = cleanMessage(text);
      // `room.isE2EEEnabled` follows the same local encryption status as `ready`; both
      // must hold, so a stale `ready` can never send before encryption is on.
      if (!session || !ready || !session.room.isE2EEEnabled || message === null) return false;
      try {
        await session.channel.send('chat', { text: message });
        append(session, { id: newId(), from: 'me', text: message, at: Date.now() });
        return true;
      } catch {
        return false;
      }
    },
    [session, ready, append],
  );

  const markRead = useCallback(
    () =>
      setLog((previous) =>
        previous.session === session && previous.unread !== 0
          ? { ...previous, unread: 0 }
          : previous,
      ),
    [session],
  );

  const current = log.session === session;
  return {
    messages: current ? log.messages : EMPTY,
    unread: current ? log.unread : 0,
    ready: session !== null && ready && session.room.isE2EEEnabled,
    send,
    markRead,
  };
}
