/**
 * What each message body's schema lets through. A peer (or the server, forging one) can
 * send anything inside a sealed message, so these rules are the last check before the app
 * acts on a body: exact fields, bounded sizes, whole numbers, identities of the app's own
 * shape. The table pins them, whichever form of zod builds the schemas.
 */
import { describe, expect, it } from 'vitest';
import { messageTypes, type MessageType } from '../../../src-renderer/livekit/app-messages';

const id = (letter: string) => letter.repeat(22);
const key = 'K'.repeat(87);
const iv = 'I'.repeat(16);
const parse = (type: MessageType, body: unknown) => messageTypes[type].schema.safeParse(body);

const hello = {
  name: 'Frau Berger',
  consent: [{ purpose: 'camera', state: 'agreed', at: 1_700_000_000_000 }],
  sessionStart: 1_700_000_000_000,
  hand: false,
};
const outcomes = { goals: ['Kita-Platz'], steps: [], nextAppointment: '' };

describe('message bodies', () => {
  it.each<[MessageType, unknown]>([
    ['ping', {}],
    ['knock', { guestKey: key, iv, box: 'abc_-' }],
    ['admit', { to: id('A'), hostPublicKey: key, iv: 'abc', sealed: 'def' }],
    ['hello', hello],
    ['hello', { name: 'Sam', consent: [] }],
    ['chat', { text: 'Guten Tag' }],
    ['outcomes', { version: 'v'.repeat(43), outcomes, shownTo: [id('B')] }],
    ['outcomes-answer', { version: 'v'.repeat(43), state: 'commented', comment: '' }],
    ['rekey', { index: 3, ecdh: key, boxes: [{ to: id('B'), iv, box: 'x' }], removed: [] }],
    ['device-request', { to: id('B'), device: 'camera', on: true }],
    ['cohosts', { cohosts: [id('C')], at: 1 }],
    ['present', { type: 'page', presentation: id('P'), page: 2, sequence: 0 }],
  ])('accepts a well-formed %s', (type, body) => {
    expect(parse(type, body)).toMatchObject({ success: true, data: body });
  });

  it.each<[string, MessageType, unknown]>([
    ['a field no sender writes', 'ping', { at: 1 }],
    ['a field no sender writes', 'knock', { guestKey: key, iv, box: 'x', name: 'Ben' }],
    [
      'a field no sender writes, deep inside',
      'rekey',
      {
        index: 3,
        ecdh: key,
        boxes: [{ to: id('B'), iv, box: 'x', key: 'plain' }],
        removed: [],
      },
    ],
    ['a missing field', 'admit', { to: id('A'), hostPublicKey: key, iv: 'abc' }],
    ['an identity of another shape', 'decline', { to: 'guest-1' }],
    ['a key of another length', 'host-present', { ecdh: 'K'.repeat(86) }],
    ['base64 with other characters', 'knock', { guestKey: key, iv, box: 'a+b/c=' }],
    ['an oversized box', 'knock', { guestKey: key, iv, box: 'x'.repeat(8193) }],
    ['an empty chat message', 'chat', { text: '' }],
    ['an overlong chat message', 'chat', { text: 'x'.repeat(4001) }],
    ['a name of spaces only', 'hello', { ...hello, name: '   ' }],
    ['an overlong name', 'hello', { ...hello, name: 'x'.repeat(61) }],
    [
      'a consent of another purpose',
      'hello',
      {
        ...hello,
        consent: [{ purpose: 'recording', state: 'agreed', at: 1 }],
      },
    ],
    [
      'a negative consent time',
      'hello',
      {
        ...hello,
        consent: [{ purpose: 'camera', state: 'agreed', at: -1 }],
      },
    ],
    ['a session start of zero', 'hello', { ...hello, sessionStart: 0 }],
    ['a hand that is not yes or no', 'hello', { ...hello, hand: 'yes' }],
    [
      'too many goals',
      'outcomes',
      {
        version: 'v'.repeat(43),
        outcomes: { ...outcomes, goals: Array.from({ length: 21 }, () => 'x') },
        shownTo: [],
      },
    ],
    [
      'an overlong step',
      'outcomes',
      {
        version: 'v'.repeat(43),
        outcomes: { ...outcomes, steps: [{ who: 'x'.repeat(81), what: '', due: '' }] },
        shownTo: [],
      },
    ],
    [
      'an answer of another kind',
      'outcomes-answer',
      {
        version: 'v'.repeat(43),
        state: 'signed',
        comment: '',
      },
    ],
    ['a reason of spaces only', 'home-view-request', { to: id('B'), reason: '  ' }],
    ['a key index that is not whole', 'rekey', { index: 1.5, ecdh: key, boxes: [], removed: [] }],
    [
      'a key index past the limit',
      'rekey',
      {
        index: 1_000_001,
        ecdh: key,
        boxes: [],
        removed: [],
      },
    ],
    [
      'too many boxes',
      'rekey',
      {
        index: 1,
        ecdh: key,
        boxes: Array.from({ length: 33 }, () => ({ to: id('B'), iv, box: 'x' })),
        removed: [],
      },
    ],
    ['a stamp of zero', 'cohosts', { cohosts: [], at: 0 }],
    ['a stamp beyond whole numbers', 'cohosts', { cohosts: [], at: 2 ** 60 }],
    ['a device of another kind', 'device-request', { to: id('B'), device: 'screen', on: true }],
    ['page zero', 'present', { type: 'page', presentation: id('P'), page: 0, sequence: 0 }],
  ])('rejects %s (%s)', (_what, type, body) => {
    expect(parse(type, body).success).toBe(false);
  });

  it('hands on names and reasons without the spaces around them', () => {
    expect(parse('hello', { ...hello, name: '  Frau Berger ' })).toMatchObject({
      data: { name: 'Frau Berger' },
    });
    expect(parse('home-view-request', { to: id('B'), reason: ' Kinderzimmer ' })).toMatchObject({
      data: { reason: 'Kinderzimmer' },
    });
  });
});
