/**
 * The ticket into the call (server, call token, current call key and its index, the host's
 * public key), sealed to one waiting guest's one-time key with a one-time key of the
 * host's. Neither the server nor another holder of the waiting-room key can open it, and
 * the `admit` message that carries it is signed by the host.
 */
import { z } from '../platform/zod';
import { parseServerAddress } from '../../src-shared/server-address';
import { DisplayName, Id } from './app-messages';
import { newOneTimeKey, openFrom, sealTo, type OneTimeKey } from './sealed-box';

export const CallTicket = z.object({
  /** Exactly as the app writes it: wss://, or ws:// on loopback only. */
  serverUrl: z.string().check(
    z.refine((value) => {
      const parsed = parseServerAddress(value);
      return parsed.ok && parsed.url === value;
    }),
  ),
  token: z.string().check(z.minLength(1), z.maxLength(4096)),
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

export async function sealTicket(
  ticket: CallTicket,
  guestPublicKey: string,
  guestIdentity: string,
): Promise<SealedTicket> {
  const host = await newOneTimeKey();
  const { iv, box } = await sealTo(
    host.keyPair.privateKey,
    guestPublicKey,
    'admit',
    new TextEncoder().encode(JSON.stringify(CallTicket.parse(ticket))),
    guestIdentity,
  );
  return { hostPublicKey: host.publicKey, iv, sealed: box };
}

/** Null when the ticket was not sealed to this key and identity, or was tampered with. */
export async function openTicket(
  guest: OneTimeKey,
  guestIdentity: string,
  message: SealedTicket,
): Promise<CallTicket | null> {
  const plain = await openFrom(
    guest.keyPair.privateKey,
    message.hostPublicKey,
    'admit',
    { iv: message.iv, box: message.sealed },
    guestIdentity,
  );
  if (!plain) return null;
  try {
    const parsed = CallTicket.safeParse(JSON.parse(new TextDecoder().decode(plain)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
