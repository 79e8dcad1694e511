/**
 * The key-change protocol, as plain functions. When the host sends someone out, main picks
 * the next call key; the host seals it to the one-time key of each guest it let in who is
 * still here (so the person sent out cannot read it, even holding the old key and with the
 * server's help), names everyone sent out, and signs the lot. A guest follows a key change
 * only forward, only with a box for itself.
 */
import { toBase64Url } from '../../src-shared/base64url';
import type { MessageBody } from './app-messages';
import { callKeyBytes } from './call-key';
import { newOneTimeKey, openFrom, sealTo, type OneTimeKey } from './sealed-box';

export type KeyChange = MessageBody<'rekey'>;

const context = (identity: string, index: number) => `${identity}\n${index}`;

/** Host: the key change for `recipients` (identity → their one-time key). */
export async function sealKeyChange(options: {
  key: string;
  index: number;
  recipients: ReadonlyMap<string, string>;
  removed: Iterable<string>;
}): Promise<KeyChange> {
  const ephemeral = await newOneTimeKey();
  const keyBytes = new Uint8Array(callKeyBytes(options.key));
  const boxes = [];
  for (const [identity, guestKey] of options.recipients) {
    const box = await sealTo(
      ephemeral.keyPair.privateKey,
      guestKey,
      'rekey',
      keyBytes,
      context(identity, options.index),
    );
    boxes.push({ to: identity, ...box });
  }
  return {
    index: options.index,
    ecdh: ephemeral.publicKey,
    boxes,
    removed: [...options.removed].slice(-64),
  };
}

export type KeyChangeOutcome =
  /** Not newer than the key in use: a replay, or one already followed. */
  | { kind: 'ignore' }
  /** This person was sent out. */
  | { kind: 'removed' }
  /** A newer key exists, but none was sealed to this person (or the box is broken). */
  | { kind: 'missed' }
  | { kind: 'switch'; key: string; index: number; removed: string[] };

/** Guest: what to do with a (signed) key change. */
export async function openKeyChange(
  change: KeyChange,
  me: string,
  oneTimeKey: OneTimeKey,
  currentIndex: number,
): Promise<KeyChangeOutcome> {
  if (change.index <= currentIndex) return { kind: 'ignore' };
  if (change.removed.includes(me)) return { kind: 'removed' };
  const box = change.boxes.find((candidate) => candidate.to === me);
  if (!box) return { kind: 'missed' };
  const opened = await openFrom(
    oneTimeKey.keyPair.privateKey,
    change.ecdh,
    'rekey',
    box,
    context(me, change.index),
  );
  if (!opened || opened.length !== 32) return { kind: 'missed' };
  return { kind: 'switch', key: toBase64Url(opened), index: change.index, removed: change.removed };
}
