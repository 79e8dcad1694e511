/**
 * The app's messages inside a room. They travel as LiveKit data packets, which the
 * `encryption` room option encrypts end to end with the room's key; the server sees only
 * their size. Every message is parsed before use: a peer can send anything.
 */
import type { Participant, Room } from 'livekit-client';
import { RoomEvent } from 'livekit-client';
import { z } from 'zod';
import { ConsentEvent } from '../features/consent/consent';

export const CONTROL_TOPIC = 'augenhoehe.control.v1';

const Id = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const B64 = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .max(4096);
const DisplayName = z.string().trim().min(1).max(60);

export const RoomMessage = z.discriminatedUnion('type', [
  // Waiting room
  /** A guest asks whether the host is there. */
  z.object({ type: z.literal('ping') }),
  /** The host is in the waiting room and can let people in. */
  z.object({ type: z.literal('host-present') }),
  /** A guest asks to be let in; repeated while waiting, so the host sees who is still there. */
  z.object({ type: z.literal('knock'), identity: Id, name: DisplayName, publicKey: B64 }),
  /** A guest leaves the waiting room. */
  z.object({ type: z.literal('leave'), identity: Id }),
  /** The ticket into the call, sealed to the guest's one-time key. */
  z.object({ type: z.literal('admit'), hostPublicKey: B64, iv: B64, sealed: B64 }),
  z.object({ type: z.literal('decline') }),
  // Call
  /** Who I am and what I agreed to; sent again whenever that changes. */
  z.object({
    type: z.literal('hello'),
    name: DisplayName,
    consent: z.array(ConsentEvent).max(100),
    /** The host's: when the session began, for session-relative times. */
    sessionStart: z.number().int().positive().optional(),
  }),
  /** The host shows the agreed outcomes to the guests, for confirmation. */
  z.object({
    type: z.literal('outcomes'),
    goals: z.array(z.string().max(500)).max(20),
    steps: z
      .array(
        z.object({ who: z.string().max(80), what: z.string().max(500), due: z.string().max(40) }),
      )
      .max(30),
    nextAppointment: z.string().max(120),
  }),
  /** A guest's answer to the shown outcomes. */
  z.object({
    type: z.literal('outcomes-answer'),
    state: z.enum(['confirmed', 'commented']),
    comment: z.string().max(2000),
  }),
  /** The host asks one guest to show their surroundings, and says why. */
  z.object({ type: z.literal('home-view-request'), reason: z.string().trim().min(1).max(200) }),
  /** The call moves to a new key (after someone was sent back to the waiting room). */
  z.object({
    type: z.literal('rekey'),
    key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    index: z.number().int().min(0).max(1_000_000),
  }),
]);
export type RoomMessage = z.infer<typeof RoomMessage>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Sends to everyone, or only to the given identities. */
export async function sendMessage(room: Room, message: RoomMessage, to?: string[]): Promise<void> {
  await room.localParticipant.publishData(encoder.encode(JSON.stringify(message)), {
    reliable: true,
    topic: CONTROL_TOPIC,
    destinationIdentities: to,
  });
}

/** Calls `listener` with every valid message on our topic; returns the unsubscribe function. */
export function onMessage(
  room: Room,
  listener: (message: RoomMessage, from: Participant | undefined) => void,
): () => void {
  const handle = (
    payload: Uint8Array,
    participant?: Participant,
    _kind?: unknown,
    topic?: string,
  ) => {
    if (topic !== CONTROL_TOPIC || payload.byteLength > 16 * 1024) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(payload));
    } catch {
      return;
    }
    const message = RoomMessage.safeParse(parsed);
    if (message.success) listener(message.data, participant);
  };
  room.on(RoomEvent.DataReceived, handle);
  return () => {
    room.off(RoomEvent.DataReceived, handle);
  };
}
