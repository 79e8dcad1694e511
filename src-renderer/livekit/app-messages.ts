/**
 * Every message the app sends inside a room, in one table: its body's schema, whether it
 * needs the host's signature, and whether bytes may travel with it. The secure channel
 * parses every body with its schema before anyone sees it; a peer can send anything.
 *
 * `signed: 'always'` marks control messages: only the host may send them, and a guest who
 * holds the room key still cannot forge them. `'optional'`: the host signs its own (so
 * everyone knows which participant is the host), guests do not.
 */
import { z } from '../platform/zod';
import { ConsentEvent } from '../features/consent/consent';
import { PageHeader, PresentationMessage } from '../features/present/transport';

/** A participant identity as the app makes them (16 random bytes, base64url). */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const B64 = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .max(8192);
const PublicKey = z.string().regex(/^[A-Za-z0-9_-]{87}$/);
const Iv = z.string().regex(/^[A-Za-z0-9_-]{16}$/);
export const DisplayName = z.string().trim().min(1).max(60);
const KeyIndex = z.number().int().min(0).max(1_000_000);
/** SHA-256, base64url: which version of the outcomes was shown. */
const Digest = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const Empty = z.object({}).strict();
/** Milliseconds since the epoch, on the sender's clock. */
const Stamp = z.number().int().positive();

export const OutcomesBody = z
  .object({
    goals: z.array(z.string().max(500)).max(20),
    steps: z
      .array(
        z
          .object({ who: z.string().max(80), what: z.string().max(500), due: z.string().max(40) })
          .strict(),
      )
      .max(30),
    nextAppointment: z.string().max(120),
  })
  .strict();
export type OutcomesBody = z.infer<typeof OutcomesBody>;

type Signed = 'never' | 'always' | 'optional';
interface Spec<S extends z.ZodType> {
  schema: S;
  signed: Signed;
  /** Bytes (a page image) may travel sealed with the message. */
  attachment?: boolean;
}
const spec = <S extends z.ZodType>(schema: S, signed: Signed, attachment?: boolean): Spec<S> => ({
  schema,
  signed,
  attachment,
});

export const messageTypes = {
  // ---- Waiting room -------------------------------------------------------------------
  /** A guest asks whether the host is there. */
  ping: spec(Empty, 'never'),
  /**
   * The host is here; knocks are sealed to this one-time key, so neither the server nor
   * another invited family can read who is knocking.
   */
  'host-present': spec(z.object({ ecdh: PublicKey }).strict(), 'always'),
  /**
   * A guest asks to be let in: their own one-time key, and their name sealed to the host's.
   * The guest is the sender (checked), never a field inside.
   */
  knock: spec(z.object({ guestKey: PublicKey, iv: Iv, box: B64 }).strict(), 'never'),
  /** A guest leaves the waiting room. */
  leave: spec(Empty, 'never'),
  /** The ticket into the call, sealed to the guest's one-time key, and signed. */
  admit: spec(
    z.object({ to: Id, hostPublicKey: PublicKey, iv: B64, sealed: B64 }).strict(),
    'always',
  ),
  decline: spec(z.object({ to: Id }).strict(), 'always'),
  /** The link already let in someone who is still in the call. */
  'invite-used': spec(z.object({ to: Id }).strict(), 'always'),
  /** The host withdrew this link: it lets nobody in any more. */
  revoked: spec(z.object({ to: Id }).strict(), 'always'),

  // ---- Call -----------------------------------------------------------------------------
  /** Who I am and what I agreed to; sent again whenever that changes. */
  hello: spec(
    z
      .object({
        name: DisplayName,
        consent: z.array(ConsentEvent).max(100),
        /** The host's: when the session began, for session-relative times. */
        sessionStart: z.number().int().positive().optional(),
        /** A raised hand (team meetings, groups). */
        hand: z.boolean().optional(),
      })
      .strict(),
    'optional',
  ),
  chat: spec(z.object({ text: z.string().min(1).max(4000) }).strict(), 'never'),
  /** The host shows the agreed outcomes to the guests, for confirmation. */
  outcomes: spec(
    z.object({ version: Digest, outcomes: OutcomesBody, shownTo: z.array(Id).max(12) }).strict(),
    'always',
  ),
  /** A guest's answer, bound to exactly the version they were shown. */
  'outcomes-answer': spec(
    z
      .object({
        version: Digest,
        state: z.enum(['confirmed', 'commented']),
        comment: z.string().max(2000),
      })
      .strict(),
    'never',
  ),
  /** The host asks one guest to show their surroundings, and says why. */
  'home-view-request': spec(
    z.object({ to: Id, reason: z.string().trim().min(1).max(200) }).strict(),
    'always',
  ),
  /**
   * The call moves to a new key: sealed to each admitted guest's own one-time key, so
   * whoever was sent out cannot read it even with the old room key. Those sent out are
   * named, so nobody shows or plays them again.
   */
  rekey: spec(
    z
      .object({
        index: KeyIndex,
        ecdh: PublicKey,
        boxes: z.array(z.object({ to: Id, iv: Iv, box: B64 }).strict()).max(32),
        removed: z.array(Id).max(64),
      })
      .strict(),
    'always',
  ),
  /** The host ended the call for everyone. */
  end: spec(Empty, 'always'),

  // ---- Team meetings (see team.ts) -----------------------------------------------------
  /**
   * The host asks one person to switch their microphone or camera on or off. A request,
   * never a switch: the person decides on their own device.
   */
  'device-request': spec(
    z.object({ to: Id, device: z.enum(['microphone', 'camera']), on: z.boolean() }).strict(),
    'always',
  ),
  /**
   * Who besides the host may let people in and present. The whole list each time; `at`
   * (the host's clock) orders lists, so an older one replayed never undoes a newer one.
   */
  cohosts: spec(z.object({ cohosts: z.array(Id).max(12), at: Stamp }).strict(), 'always'),
  /**
   * The waiting list for one co-host: names sealed to that co-host's own one-time key, since
   * every guest in the call holds the room key and the server could hand them the packet.
   */
  'waiting-list': spec(
    z.object({ to: Id, at: Stamp, ecdh: PublicKey, iv: Iv, box: B64 }).strict(),
    'always',
  ),
  /**
   * A co-host asks the host's app to let one waiting guest in. Unsigned (a co-host cannot
   * sign); the host's app checks the sender is a co-host and admits through its own lobby.
   */
  'admit-request': spec(z.object({ guest: Id }).strict(), 'never'),

  // ---- Presenting (see features/present) ---------------------------------------------
  /**
   * A presentation starts, turns a page, or ends. Unsigned, since co-hosts present too: the
   * receiver follows only the host and co-hosts (PresentationSession's `mayPresent`).
   */
  present: spec(PresentationMessage, 'never'),
  /** One page: its image as the sealed attachment, its text for screen readers and zoom. */
  'present-page': spec(PageHeader, 'never', true),
} as const;

export type MessageType = keyof typeof messageTypes;
export type MessageBody<T extends MessageType> = z.output<(typeof messageTypes)[T]['schema']>;
