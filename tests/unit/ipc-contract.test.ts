import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { ipcContract, ipcErrorCodes, type IpcChannel } from '../../src-shared/ipc-contract';
import { dispatchIpc, type IpcHandlers } from '../../src-main/ipc/handlers';
import { LivekitServerError } from '../../src-main/services/room-admin';
import { apiSecret, createHarness, guestPageUrl, settings, type Harness } from './fixtures';

const validRoom = 'AbCdEfGhIjKlMnOpQr_-09';
const channels = Object.keys(ipcContract) as IpcChannel[];

const validRequests: Record<IpcChannel, unknown> = {
  'app:info': {},
  'call:create': {},
  'call:join': { roomName: validRoom },
  'call:invite': { roomName: validRoom, validMinutes: 60 },
  'log:event': { code: 'call.joined', fields: { ms: 12 } },
};

let harness: Harness;
let spies: Record<IpcChannel, Mock>;
let handlers: IpcHandlers;

/** The real handlers, each behind a spy, so a test can tell whether dispatch reached it. */
async function setUp(options: { withSecret?: boolean } = {}) {
  harness = await createHarness(options);
  spies = Object.fromEntries(
    channels.map((channel) => [
      channel,
      vi.fn(harness.handlers[channel] as (request: unknown) => Promise<unknown>),
    ]),
  ) as Record<IpcChannel, Mock>;
  handlers = spies as unknown as IpcHandlers;
}

function dispatch(channel: unknown, request: unknown, trusted = true) {
  return dispatchIpc(handlers, harness.logger, channel, request, trusted);
}

function allLogText(): string {
  return harness.logLines.join('\n');
}

beforeEach(async () => {
  await setUp();
});

describe('dispatchIpc: unknown channels', () => {
  it.each([['call:delete'], ['app:Info'], ['__proto__'], ['toString'], [''], [42], [undefined]])(
    'rejects channel %j as invalid-request',
    async (channel) => {
      expect(await dispatch(channel, {})).toStrictEqual({
        ok: false,
        error: { code: 'invalid-request' },
      });
      for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
    },
  );
});

describe('dispatchIpc: requests that break the contract never reach a handler', () => {
  const tooLongRoom = `${validRoom}A`;
  const badRequests: [IpcChannel, string, unknown][] = [
    ['app:info', 'an extra key', { debug: true }],
    ['app:info', 'null', null],
    ['app:info', 'a string', 'info'],
    ['app:info', 'an array', []],
    ['call:create', 'a chosen room name', { roomName: validRoom }],
    ['call:create', 'no body at all', undefined],
    ['call:join', 'no room name', {}],
    ['call:join', 'a 21-character name', { roomName: validRoom.slice(1) }],
    ['call:join', 'a 23-character name', { roomName: tooLongRoom }],
    ['call:join', 'standard base64 characters', { roomName: 'AbCdEfGhIjKlMnOpQr+/09' }],
    ['call:join', 'a path in the name', { roomName: '../../../../etc/passwd' }],
    ['call:join', 'a readable name', { roomName: 'Beratung Maria Muster' }],
    ['call:join', 'a numeric name', { roomName: 1234567890 }],
    ['call:join', 'an extra key', { roomName: validRoom, identity: 'maria' }],
    ['call:invite', 'validMinutes 0', { roomName: validRoom, validMinutes: 0 }],
    ['call:invite', 'validMinutes 4 (below 5)', { roomName: validRoom, validMinutes: 4 }],
    ['call:invite', 'validMinutes 100000', { roomName: validRoom, validMinutes: 100000 }],
    [
      'call:invite',
      'validMinutes just over 7 days',
      { roomName: validRoom, validMinutes: 7 * 24 * 60 + 1 },
    ],
    ['call:invite', 'validMinutes 2.5', { roomName: validRoom, validMinutes: 2.5 }],
    ['call:invite', 'validMinutes 60.5', { roomName: validRoom, validMinutes: 60.5 }],
    ['call:invite', 'validMinutes as a string', { roomName: validRoom, validMinutes: '60' }],
    ['call:invite', 'validMinutes NaN', { roomName: validRoom, validMinutes: Number.NaN }],
    [
      'call:invite',
      'validMinutes Infinity',
      { roomName: validRoom, validMinutes: Number.POSITIVE_INFINITY },
    ],
    ['call:invite', 'no validMinutes', { roomName: validRoom }],
    ['call:invite', 'a bad room name', { roomName: 'short', validMinutes: 60 }],
    [
      'call:invite',
      'an extra key',
      { roomName: validRoom, validMinutes: 60, name: 'Maria Muster' },
    ],
    ['log:event', 'a code with spaces', { code: 'call joined' }],
    ['log:event', 'a code with capitals', { code: 'Call.Joined' }],
    ['log:event', 'a code without a dot', { code: 'calljoined' }],
    ['log:event', 'a code carrying an e-mail', { code: 'call.maria@example.org' }],
    ['log:event', 'a numeric code', { code: 42 }],
    [
      'log:event',
      'a name as a field value',
      { code: 'call.joined', fields: { name: 'Maria Muster' } },
    ],
    ['log:event', 'a null field value', { code: 'call.joined', fields: { ms: null } }],
    ['log:event', 'a nested field value', { code: 'call.joined', fields: { ms: { value: 1 } } }],
    ['log:event', 'a field key with capitals', { code: 'call.joined', fields: { Maria: 1 } }],
    ['log:event', 'a field key with a hyphen', { code: 'call.joined', fields: { 'room-id': 1 } }],
    [
      'log:event',
      'nine fields',
      { code: 'call.joined', fields: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 } },
    ],
    ['log:event', 'an extra key', { code: 'call.joined', message: 'Maria Muster joined' }],
  ];

  it.each(badRequests)('%s with %s → invalid-request', async (channel, _label, request) => {
    expect(await dispatch(channel, request)).toStrictEqual({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(spies[channel]).not.toHaveBeenCalled();
    expect(harness.createRoomCalls).toHaveLength(0);
    // The rejected input itself must not end up in the log.
    expect(allLogText()).not.toMatch(/Maria|maria|passwd|Beratung/);
    expect(harness.logLines.map((line) => JSON.parse(line).code)).toEqual(['ipc.invalid_request']);
  });
});

describe('dispatchIpc: caller check', () => {
  it.each(channels)(
    'an untrusted caller of %s gets forbidden and reaches no handler',
    async (channel) => {
      expect(await dispatch(channel, validRequests[channel], false)).toStrictEqual({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(spies[channel]).not.toHaveBeenCalled();
      expect(harness.createRoomCalls).toHaveLength(0);
    },
  );

  it('checks the caller before the channel, so an untrusted page learns nothing about channels', async () => {
    expect(await dispatch('call:delete', {}, false)).toStrictEqual({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('dispatchIpc: failures come back as codes', () => {
  it.each(['call:create', 'call:join', 'call:invite'] as const)(
    '%s without a stored API secret → no-credentials',
    async (channel) => {
      await setUp({ withSecret: false });
      expect(await dispatch(channel, validRequests[channel])).toStrictEqual({
        ok: false,
        error: { code: 'no-credentials' },
      });
      expect(harness.createRoomCalls).toHaveLength(0);
    },
  );

  it.each(['server-unreachable', 'server-rejected'] as const)(
    'a room admin failing with %s → the same code',
    async (problem) => {
      harness.onCreateRoom = async () => {
        throw new LivekitServerError(problem);
      };
      expect(await dispatch('call:create', {})).toStrictEqual({
        ok: false,
        error: { code: problem },
      });
    },
  );

  it('a plain exception becomes internal, without its message or stack', async () => {
    const secretDetail = 'ECONNRESET while sending sk_live_abcdef to /home/maria/notes';
    harness.onCreateRoom = async () => {
      throw new Error(secretDetail);
    };
    const result = await dispatch('call:create', {});
    expect(result).toStrictEqual({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/ECONNRESET|sk_live|maria|at /);
    expect(allLogText()).not.toMatch(/ECONNRESET|sk_live|maria/);
  });

  it('only ever answers with a code from the contract list', async () => {
    // One failing request of each kind, all codes must be ones the UI knows how to explain.
    const results = [
      await dispatch('nope', {}),
      await dispatch('call:join', {}),
      await dispatch('app:info', {}, false),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(ipcErrorCodes).toContain(result.error.code);
    }
  });
});

describe('dispatchIpc: valid requests', () => {
  it('app:info reports the shell, the server and the guest page', async () => {
    expect(await dispatch('app:info', {})).toStrictEqual({
      ok: true,
      value: { shell: 'browser', serverUrl: settings.serverUrl, localServer: true, guestPageUrl },
    });
  });

  it('call:create makes a fresh random 22-character room on the configured server each time', async () => {
    const first = await dispatch('call:create', {});
    const second = await dispatch('call:create', {});
    if (!first.ok || !second.ok) throw new Error('call:create failed');
    const names = [first.value, second.value].map(
      (value) => (value as { roomName: string }).roomName,
    );
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(names[0]).not.toBe(names[1]);
    expect(harness.createRoomCalls).toStrictEqual(
      names.map((roomName) => ({
        serverUrl: settings.serverUrl,
        credentials: { apiKey: settings.apiKey, apiSecret },
        roomName,
      })),
    );
  });

  it.each([
    ['call:join', { roomName: validRoom }, 10 * 60],
    ['call:invite', { roomName: validRoom, validMinutes: 5 }, 5 * 60],
    ['call:invite', { roomName: validRoom, validMinutes: 7 * 24 * 60 }, 7 * 24 * 60 * 60],
  ] as const)(
    '%s %j → a token for the server, expiring after %i s',
    async (channel, request, seconds) => {
      const result = await dispatch(channel, request);
      if (!result.ok) throw new Error(`failed with ${result.error.code}`);
      const value = ipcContract[channel].response.parse(result.value);
      expect(value).toStrictEqual({
        serverUrl: settings.serverUrl,
        token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        expiresAt: expect.any(Number),
      });
      // The expiry shown to the host is the one the server will enforce.
      const claims = JSON.parse(
        Buffer.from(value.token.split('.')[1] ?? '', 'base64url').toString(),
      ) as {
        exp: number;
        nbf: number;
      };
      expect(value.expiresAt).toBe(claims.exp);
      expect(claims.exp - claims.nbf).toBe(seconds);
    },
  );

  it('log:event records the code with its numbers', async () => {
    expect(
      await dispatch('log:event', {
        code: 'media.camera_failed',
        fields: { tries: 2, muted: true },
      }),
    ).toStrictEqual({ ok: true, value: { logged: true } });
    expect(JSON.parse(harness.logLines.at(-1) ?? '{}')).toMatchObject({
      code: 'media.camera_failed',
      tries: 2,
      muted: true,
    });
  });

  it('never writes a room name, token or the API secret to the log', async () => {
    const created = await dispatch('call:create', {});
    if (!created.ok) throw new Error('call:create failed');
    const { roomName } = created.value as { roomName: string };
    const joined = await dispatch('call:join', { roomName });
    const invited = await dispatch('call:invite', { roomName, validMinutes: 90 });
    if (!joined.ok || !invited.ok) throw new Error('token request failed');
    const tokens = [joined.value, invited.value].map((value) => (value as { token: string }).token);

    const text = allLogText();
    expect(harness.logLines.length).toBeGreaterThan(0);
    for (const secretValue of [roomName, ...tokens, apiSecret])
      expect(text).not.toContain(secretValue);
    // Not even a part of a token (its header or payload segment).
    for (const token of tokens)
      for (const part of token.split('.')) expect(text).not.toContain(part);
  });
});
