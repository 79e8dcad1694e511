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

const text = (max: number) => z.string().check(z.maxLength(max));
const upTo = <S extends z.ZodMiniType>(max: number, item: S) =>
  z.array(item).check(z.maxLength(max));

/** A participant identity as the app makes them (16 random bytes, base64url). */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
const B64 = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/), z.maxLength(8192));
const PublicKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/));
const Iv = z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/));
export const DisplayName = z.string().check(z.trim(), z.minLength(1), z.maxLength(60));
const KeyIndex = z.int().check(z.gte(0), z.lte(1_000_000));
/** SHA-256, base64url: which version of the outcomes was shown. */
const Digest = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/));
const Empty = z.strictObject({});
/** Milliseconds since the epoch, on the sender's clock. */
const Stamp = z.int().check(z.positive());

export const OutcomesBody = z.strictObject({
  goals: upTo(20, text(500)),
  steps: upTo(30, z.strictObject({ who: text(80), what: text(500), due: text(40) })),
  nextAppointment: text(120),
});
export type OutcomesBody = z.infer<typeof OutcomesBody>;

type Signed = 'never' | 'always' | 'optional';
interface Spec<S extends z.ZodMiniType> {
  schema: S;
  signed: Signed;
  /** Bytes (a page image) may travel sealed with the message. */
  attachment?: boolean;
}
const spec = <S extends z.ZodMiniType>(
  schema: S,
  signed: Signed,
  attachment?: boolean,
): Spec<S> => ({
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
  'host-present': spec(z.strictObject({ ecdh: PublicKey }), 'always'),
  /**
   * A guest asks to be let in: their own one-time key, and their name sealed to the host's.
   * The guest is the sender (checked), never a field inside.
   */
  knock: spec(z.strictObject({ guestKey: PublicKey, iv: Iv, box: B64 }), 'never'),
  /** A guest leaves the waiting room. */
  leave: spec(Empty, 'never'),
  /**
   * A way into the call's room with no powers (see sealed-ticket.ts), sealed to the guest's
   * one-time key, and signed: she joins ahead, hidden, while she waits.
   */
  door: spec(z.strictObject({ to: Id, hostPublicKey: PublicKey, iv: B64, sealed: B64 }), 'always'),
  /** The ticket into the call, sealed to the guest's one-time key, and signed. */
  admit: spec(z.strictObject({ to: Id, hostPublicKey: PublicKey, iv: B64, sealed: B64 }), 'always'),
  decline: spec(z.strictObject({ to: Id }), 'always'),
  /** The link already let in someone who is still in the call. */
  'invite-used': spec(z.strictObject({ to: Id }), 'always'),
  /** The host withdrew this link: it lets nobody in any more. */
  revoked: spec(z.strictObject({ to: Id }), 'always'),

  // ---- Call -----------------------------------------------------------------------------
  /** Who I am and what I agreed to; sent again whenever that changes. */
  hello: spec(
    z.strictObject({
      name: DisplayName,
      consent: upTo(100, ConsentEvent),
      /** The host's: when the session began, for session-relative times. */
      sessionStart: z.optional(z.int().check(z.positive())),
      /** A raised hand (team meetings, groups). */
      hand: z.optional(z.boolean()),
    }),
    'optional',
  ),
  chat: spec(
    z.strictObject({ text: z.string().check(z.minLength(1), z.maxLength(4000)) }),
    'never',
  ),
  /** The host shows the agreed outcomes to the guests, for confirmation. */
  outcomes: spec(
    z.strictObject({ version: Digest, outcomes: OutcomesBody, shownTo: upTo(12, Id) }),
    'always',
  ),
  /** A guest's answer, bound to exactly the version they were shown. */
  'outcomes-answer': spec(
    z.strictObject({
      version: Digest,
      state: z.enum(['confirmed', 'commented']),
      comment: text(2000),
    }),
    'never',
  ),
  /** The host asks one guest to show their surroundings, and says why. */
  'home-view-request': spec(
    z.strictObject({
      to: Id,
      reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    }),
    'always',
  ),
  /**
   * The call moves to a new key: sealed to each admitted guest's own one-time key, so
   * whoever was sent out cannot read it even with the old room key. Those sent out are
   * named, so nobody shows or plays them again.
   */
  rekey: spec(
    z.strictObject({
      index: KeyIndex,
      ecdh: PublicKey,
      boxes: upTo(32, z.strictObject({ to: Id, iv: Iv, box: B64 })),
      removed: upTo(64, Id),
    }),
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
    z.strictObject({ to: Id, device: z.enum(['microphone', 'camera']), on: z.boolean() }),
    'always',
  ),
  /**
   * Who besides the host may let people in and present. The whole list each time; `at`
   * (the host's clock) orders lists, so an older one replayed never undoes a newer one.
   */
  cohosts: spec(z.strictObject({ cohosts: upTo(12, Id), at: Stamp }), 'always'),
  /**
   * The waiting list for one co-host: names sealed to that co-host's own one-time key, since
   * every guest in the call holds the room key and the server could hand them the packet.
   */
  'waiting-list': spec(
    z.strictObject({ to: Id, at: Stamp, ecdh: PublicKey, iv: Iv, box: B64 }),
    'always',
  ),
  /**
   * A co-host asks the host's app to let one waiting guest in. Unsigned (a co-host cannot
   * sign); the host's app checks the sender is a co-host and admits through its own lobby.
   */
  'admit-request': spec(z.strictObject({ guest: Id }), 'never'),

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
