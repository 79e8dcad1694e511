/**
 * The ticket into the call (server, call token, current call key and its index, the host's
 * public key), sealed to one waiting guest's one-time key with a one-time key of the
 * host's. Neither the server nor another holder of the waiting-room key can open it, and
 * the `admit` message that carries it is signed by the host.
 *
 * The door is sealed and signed the same way, at her knock: a token into the call's room
 * with no powers (main's `doorGrant`), so that she is connected there when the ticket
 * comes. It carries no key: until the ticket, she can neither see, hear nor read the call.
 */
import { z } from '../platform/zod';
import { parseServerAddress } from '../../src-shared/server-address';
import { DisplayName, Id } from './app-messages';
import { newOneTimeKey, openFrom, sealTo, type OneTimeKey } from './sealed-box';

/** Exactly as the app writes it: wss://, or ws:// on loopback only. */
const ServerUrl = z.string().check(
  z.refine((value) => {
    const parsed = parseServerAddress(value);
    return parsed.ok && parsed.url === value;
  }),
);
const Token = z.string().check(z.minLength(1), z.maxLength(4096));

export const CallDoor = z.strictObject({ serverUrl: ServerUrl, token: Token });
export type CallDoor = z.infer<typeof CallDoor>;

export const CallTicket = z.object({
  serverUrl: ServerUrl,
  token: Token,
  key: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  keyIndex: z.int().check(z.gte(0)),
  /** The consultation's signing key: only what it signs changes keys or ends the call. */
  hostPublicKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/)),
  /**
   * Who the host is in the call and the name the host goes by: the host's picture can be
   * shown when it arrives, not only once the host's hello has. Vouched for by the host's
   * signature on the `admit` that carries the ticket; it makes no one the host (only the
   * host's signed messages do, see call-session.ts).
   */
  host: z.optional(z.strictObject({ identity: Id, name: DisplayName })),
});
export type CallTicket = z.infer<typeof CallTicket>;

export interface SealedTicket {
  hostPublicKey: string;
  iv: string;
  sealed: string;
}

async function seal<T>(
  purpose: 'admit' | 'door',
  schema: z.ZodMiniType<T>,
  value: T,
  guestPublicKey: string,
  guestIdentity: string,
): Promise<SealedTicket> {
  const host = await newOneTimeKey();
  const { iv, box } = await sealTo(
    host.keyPair.privateKey,
    guestPublicKey,
    purpose,
    new TextEncoder().encode(JSON.stringify(schema.parse(value))),
    guestIdentity,
  );
  return { hostPublicKey: host.publicKey, iv, sealed: box };
}

async function open<T>(
  purpose: 'admit' | 'door',
  schema: z.ZodMiniType<T>,
  guest: OneTimeKey,
  guestIdentity: string,
  message: SealedTicket,
): Promise<T | null> {
  const plain = await openFrom(
    guest.keyPair.privateKey,
    message.hostPublicKey,
    purpose,
    { iv: message.iv, box: message.sealed },
    guestIdentity,
  );
  if (!plain) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const sealTicket = (ticket: CallTicket, guestPublicKey: string, guestIdentity: string) =>
  seal('admit', CallTicket, ticket, guestPublicKey, guestIdentity);

/** Null when the ticket was not sealed to this key and identity, or was tampered with. */
export const openTicket = (guest: OneTimeKey, guestIdentity: string, message: SealedTicket) =>
  open('admit', CallTicket, guest, guestIdentity, message);

export const sealDoor = (door: CallDoor, guestPublicKey: string, guestIdentity: string) =>
  seal('door', CallDoor, door, guestPublicKey, guestIdentity);

/** Null when the door was not sealed to this key and identity, or was tampered with. */
export const openDoor = (guest: OneTimeKey, guestIdentity: string, message: SealedTicket) =>
  open('door', CallDoor, guest, guestIdentity, message);
