/**
 * The key-change and lock-out protocol as a state machine: forward only, only with a box of
 * one's own, and whoever was sent out cannot read the next key even holding the old one.
 */
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../../src-shared/base64url';
import { openKeyChange, sealKeyChange } from '../../../src-renderer/livekit/key-change';
import { newOneTimeKey } from '../../../src-renderer/livekit/sealed-box';

const id = (letter: string) => letter.repeat(22);
const nextKey = toBase64Url(new Uint8Array(32).fill(42));

async function setting() {
  const anna = await newOneTimeKey();
  const bert = await newOneTimeKey();
  const sentOut = await newOneTimeKey();
  const change = await sealKeyChange({
    key: nextKey,
    index: 3,
    recipients: new Map([
      [id('A'), anna.publicKey],
      [id('B'), bert.publicKey],
    ]),
    removed: [id('S')],
  });
  return { anna, bert, sentOut, change };
}

describe('a key change', () => {
  it('hands each guest who stays the new key, and names who was sent out', async () => {
    const { anna, bert, change } = await setting();
    expect(await openKeyChange(change, id('A'), anna, 2)).toEqual({
      kind: 'switch',
      key: nextKey,
      index: 3,
      removed: [id('S')],
    });
    expect((await openKeyChange(change, id('B'), bert, 2)).kind).toBe('switch');
    expect(JSON.stringify(change)).not.toContain(nextKey);
  });

  it('tells the person sent out that they are out, and gives them nothing', async () => {
    const { sentOut, change } = await setting();
    expect(await openKeyChange(change, id('S'), sentOut, 2)).toEqual({ kind: 'removed' });
    // Even reading another guest's box with their own key gets them nothing.
    const stolen = {
      ...change,
      removed: [],
      boxes: change.boxes.map((b) => ({ ...b, to: id('S') })),
    };
    expect(await openKeyChange(stolen, id('S'), sentOut, 2)).toEqual({ kind: 'missed' });
  });

  it('is followed forward only: a replayed or older change is ignored', async () => {
    const { anna, change } = await setting();
    expect(await openKeyChange(change, id('A'), anna, 3)).toEqual({ kind: 'ignore' });
    expect(await openKeyChange(change, id('A'), anna, 7)).toEqual({ kind: 'ignore' });
  });

  it('that passed someone by says so, rather than leaving them on a dead key', async () => {
    const { change } = await setting();
    const late = await newOneTimeKey();
    expect(await openKeyChange(change, id('L'), late, 2)).toEqual({ kind: 'missed' });
  });

  it('with a box moved to another index does not open', async () => {
    const { anna, change } = await setting();
    expect((await openKeyChange({ ...change, index: 4 }, id('A'), anna, 2)).kind).toBe('missed');
  });
});
