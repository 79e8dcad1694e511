import type { Room, TextStreamReader } from 'livekit-client';
import { useCallback, useEffect, useState } from 'react';

/** The chat's own topic for LiveKit text streams; nothing else is sent or read on it. */
export const CHAT_TOPIC = 'augenhoehe.chat.v1';
/** Longest message, in UTF-16 code units (what a text field's `maxLength` counts). */
export const MAX_MESSAGE_LENGTH = 4000;
/** Messages kept on screen; older ones drop off, so a flood cannot exhaust memory. */
export const MAX_MESSAGES = 500;

// A UTF-16 code unit takes at most 3 bytes in UTF-8; a little slack for the stream itself.
const MAX_STREAM_BYTES = MAX_MESSAGE_LENGTH * 3 + 64;
const READ_TIMEOUT_MS = 30_000;
// A sender's clock further off than this is not believed; the arrival time is shown instead.
const CLOCK_SKEW_MS = 5 * 60_000;

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
  room: Room | null;
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

function sentAt(timestamp: unknown, now: number): number {
  return typeof timestamp === 'number' &&
    Number.isFinite(timestamp) &&
    Math.abs(timestamp - now) <= CLOCK_SKEW_MS
    ? timestamp
    : now;
}

/** Reads a whole text stream, or gives up (null) once it is longer than any message may be. */
async function readMessage(reader: TextStreamReader): Promise<string | null> {
  if (reader.info.size !== undefined && reader.info.size > MAX_STREAM_BYTES) return null;
  let text = '';
  try {
    for await (const chunk of reader.withAbortSignal(AbortSignal.timeout(READ_TIMEOUT_MS))) {
      text += chunk;
      if (text.length > MAX_MESSAGE_LENGTH * 2) return null;
    }
  } catch {
    return null;
  }
  return text;
}

/**
 * The call's chat: end-to-end encrypted LiveKit text streams on {@link CHAT_TOPIC},
 * held in memory only, so it is gone when the call ends. One per room.
 */
export function useChat(room: Room | null, ready: boolean): ChatState & ChatActions {
  const [log, setLog] = useState<ChatLog>({ room, messages: EMPTY, unread: 0 });

  const append = useCallback(
    (forRoom: Room, message: ChatMessage) =>
      setLog((previous) => {
        const same = previous.room === forRoom;
        const messages = same ? previous.messages : EMPTY;
        return {
          room: forRoom,
          messages: [...messages, message].slice(-MAX_MESSAGES),
          unread: (same ? previous.unread : 0) + (message.from === 'me' ? 0 : 1),
        };
      }),
    [],
  );

  useEffect(() => {
    if (!room) return;
    let active = true;
    try {
      room.registerTextStreamHandler(CHAT_TOPIC, (reader, participant) => {
        const info = reader.info;
        // Every stream we send is encrypted by the room. The stream's `encryptionType`
        // cannot tell us more: livekit-client 2.23 reports NONE for decrypted packets too
        // (the EncryptedPacket it builds never sets the field), so it is not checked here.
        if (info.topic !== CHAT_TOPIC) return;
        void readMessage(reader).then((raw) => {
          const text = cleanMessage(raw);
          if (!active || text === null) return;
          if (participant.identity === room.localParticipant.identity) return;
          append(room, {
            id: newId(),
            from: participant.identity,
            text,
            at: sentAt(info.timestamp, Date.now()),
          });
        });
      });
    } catch {
      // A handler for this topic is already registered: another chat owns this room.
      return;
    }
    return () => {
      active = false;
      room.unregisterTextStreamHandler(CHAT_TOPIC);
    };
  }, [room, append]);

  const send = useCallback(
    async (text: string): Promise<boolean> => {
      const message = cleanMessage(text);
      // `room.isE2EEEnabled` follows the same local encryption status as `ready`; both
      // must hold, so a stale `ready` can never send in the clear.
      if (!room || !ready || !room.isE2EEEnabled || message === null) return false;
      try {
        const info = await room.localParticipant.sendText(message, { topic: CHAT_TOPIC });
        append(room, {
          id: newId(),
          from: 'me',
          text: message,
          at: sentAt(info.timestamp, Date.now()),
        });
        return true;
      } catch {
        return false;
      }
    },
    [room, ready, append],
  );

  const markRead = useCallback(
    () =>
      setLog((previous) =>
        previous.room === room && previous.unread !== 0 ? { ...previous, unread: 0 } : previous,
      ),
    [room],
  );

  const current = log.room === room;
  return {
    messages: current ? log.messages : EMPTY,
    unread: current ? log.unread : 0,
    ready: room !== null && ready && room.isE2EEEnabled,
    send,
    markRead,
  };
}
