import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import {
  ipcContract,
  ipcErrorCodes,
  type ConsultationView,
  type IpcChannel,
  type IpcResponse,
} from '../../src-shared/ipc-contract';
import { HOST_SIGNED_PREFIX } from '../../src-shared/host-signature';
import { parseInviteUrl } from '../../src-shared/invite-link';
import { dispatchIpc, type IpcHandlers } from '../../src-main/ipc/handlers';
import { LivekitServerError } from '../../src-main/services/room-admin';
import { ServiceError } from '../../src-main/services/service-error';
import {
  activeServer,
  apiSecret,
  createHarness,
  credentials,
  fixedNow,
  jwtClaims,
  type Harness,
} from './fixtures';

const validId = 'AbCdEfGhIjKlMnOpQr_-09';
/** A P-256 public key as a knock carries it (an uncompressed point). */
const guestKey = Buffer.from([4, ...new Array<number>(64).fill(7)]).toString('base64url');
const signable = Buffer.from(`${HOST_SIGNED_PREFIX}call\nend`).toString('base64url');
const channels = Object.keys(ipcContract) as IpcChannel[];
const label = 'Familie Muster, Schuldnerberatung';
const customServer = {
  serverUrl: 'wss://livekit.example.org',
  apiKey: 'APIorgkey',
  apiSecret: 'org-secret-0123456789abcdefghijklmnopqrstuvwxyz',
};

const validRequests: Record<IpcChannel, unknown> = {
  'app:info': {},
  'settings:get': {},
  'settings:test': customServer,
  'settings:save': { mode: 'local' },
  'consultation:create': { label, inviteCount: 2, validity: 'today' },
  'consultation:list': {},
  'consultation:remove': { id: validId },
  'consultation:host-tickets': { id: validId },
  'consultation:open-door': { id: validId, waitingIdentity: validId, guestKey },
  'consultation:admit': { id: validId, waitingIdentity: validId, guestKey },
  'consultation:send-back': { id: validId, identity: validId },
  'consultation:sign': { id: validId, payload: signable },
  'consultation:label-invite': { id: validId, invite: 1, label: 'Frau Muster' },
  'consultation:revoke-invite': { id: validId, invite: 1 },
  'consultation:remove-participant': { id: validId, room: 'waiting', identity: validId },
  'notes:list': {},
  'notes:get': { id: validId },
  'notes:save': {
    id: validId,
    label,
    template: 'one-to-one',
    createdAt: 1_800_000_000,
    updatedAt: 1_800_000_000,
    goals: ['Schulden-Übersicht erstellen'],
    steps: [{ who: 'Frau M.', what: 'Kontoauszüge mitbringen', due: 'Freitag' }],
    nextAppointment: 'Dienstag, 10 Uhr',
    freeText: '',
    keep: false,
    confirmation: null,
  },
  'notes:delete': { id: validId },
  'notes:export': { id: validId, format: 'markdown' },
  'links:open': { url: 'https://example.org/' },
  'privacy:get': {},
  'privacy:save': { logRetentionDays: 7, noteRetentionDays: 30 },
  'screen:answer': { requestId: validId, choice: { sourceId: 'screen:1:0', audio: false } },
  'log:event': { code: 'call.joined', fields: { ms: 12 } },
  'media:consent': { camera: true, microphone: false },
  'display:keep-awake': { awake: true },
  'notification:knock': { language: 'de' },
};

let harness: Harness;
let spies: Record<IpcChannel, Mock>;
let handlers: IpcHandlers;

/** The real handlers, each behind a spy, so a test can tell whether dispatch reached it. */
function setUp() {
  harness = createHarness();
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

async function ok<C extends IpcChannel>(channel: C, request: unknown): Promise<IpcResponse<C>> {
  const result = await dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel} failed with ${result.error.code}`);
  // What main answers must itself satisfy the contract the renderer relies on.
  return ipcContract[channel].response.parse(result.value) as IpcResponse<C>;
}

async function createConsultation(
  request: object = validRequests['consultation:create'] as object,
): Promise<ConsultationView> {
  return (await ok('consultation:create', request)) as ConsultationView;
}

/** The waiting-room identity of a consultation's first invite (the sender of its knock). */
function firstInvite(consultation: ConsultationView): string {
  const parsed = parseInviteUrl(consultation.invites[0]?.webUrl ?? '', fixedNow / 1000);
  if (!parsed.ok) throw new Error('the invite does not parse');
  return jwtClaims(parsed.invite.waitingToken).sub;
}

function logCodes(): string[] {
  return harness.logLines.map((line) => JSON.parse(line).code as string);
}

function serverCalls() {
  return harness.roomAdmin.calls.length;
}

beforeEach(() => {
  // Tokens take their time from Date; the service's clock defaults to it too.
  vi.useFakeTimers({ toFake: ['Date'], now: fixedNow });
  setUp();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('dispatchIpc: unknown channels', () => {
  it.each([
    ['call:create'],
    ['call:join'],
    ['call:invite'],
    ['consultation:delete'],
    ['settings:secret'],
    ['app:Info'],
    ['__proto__'],
    ['toString'],
    ['hasOwnProperty'],
    [''],
    [42],
    [undefined],
  ])('rejects channel %j as invalid-request', async (channel) => {
    expect(await dispatch(channel, {})).toStrictEqual({
      ok: false,
      error: { code: 'invalid-request' },
    });
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled();
    expect(logCodes()).toStrictEqual(['ipc.unknown_channel']);
  });
});

describe('dispatchIpc: requests that break the contract never reach a handler', () => {
  const create = validRequests['consultation:create'] as object;
  const idChannels = [
    'consultation:remove',
    'consultation:host-tickets',
    'consultation:admit',
  ] as const;
  const badIds: [string, unknown][] = [
    ['no id', undefined],
    ['a 21-character id', validId.slice(1)],
    ['a 23-character id', `${validId}A`],
    ['standard base64 characters', 'AbCdEfGhIjKlMnOpQr+/09'],
    ['a path', '../../../../etc/passwd'],
    ['a readable name', 'Beratung Maria Muster'],
    ['a number', 1234567890],
    ['an array', [validId]],
  ];
  const custom = { ...customServer, mode: 'custom', guestPageUrl: 'https://gast.example.org/' };

  const note = validRequests['notes:save'] as object;
  const badRequests: [IpcChannel, string, unknown][] = [
    ['notes:save', 'an extra key', { ...note, name: 'Maria' }],
    ['notes:save', 'a label over 80 characters', { ...note, label: 'x'.repeat(81) }],
    ['notes:save', 'an unknown template', { ...note, template: 'interrogation' }],
    ['notes:save', 'too many goals', { ...note, goals: Array.from({ length: 21 }, () => 'Ziel') }],
    [
      'notes:save',
      'a step with an extra key',
      { ...note, steps: [{ who: 'a', what: 'b', due: 'c', x: 1 }] },
    ],
    [
      'notes:save',
      'a confirmation state not in the list',
      { ...note, confirmation: { state: 'signed', comment: '', at: 1 } },
    ],
    ['notes:export', 'a format other than markdown or pdf', { id: validId, format: 'docx' }],
    ['links:open', 'no url', {}],
    ['privacy:save', 'log retention of 0 days', { logRetentionDays: 0, noteRetentionDays: 30 }],
    [
      'privacy:save',
      'note retention of 10 years',
      { logRetentionDays: 7, noteRetentionDays: 3650 },
    ],
    ['app:info', 'an extra key', { debug: true }],
    ['app:info', 'null', null],
    ['app:info', 'a string', 'info'],
    ['app:info', 'an array', []],
    ['settings:get', 'an extra key', { withSecret: true }],
    ['settings:get', 'no body at all', undefined],
    ['consultation:list', 'an extra key', { all: true }],

    // settings:test and settings:save share the server checks.
    ['settings:test', 'an ftp:// server URL', { ...customServer, serverUrl: 'ftp://example.org' }],
    ['settings:test', 'a file: server URL', { ...customServer, serverUrl: 'file:///etc/passwd' }],
    [
      'settings:test',
      'a javascript: server URL',
      { ...customServer, serverUrl: 'javascript:alert(1)' },
    ],
    [
      'settings:test',
      'a server URL with a path and query',
      { ...customServer, serverUrl: 'wss://livekit.example.org/rtc?access_token=x' },
    ],
    [
      'settings:test',
      'a server URL with credentials',
      { ...customServer, serverUrl: 'wss://maria:pw@livekit.example.org' },
    ],
    ['settings:test', 'a server URL that is no URL', { ...customServer, serverUrl: 'livekit' }],
    [
      'settings:test',
      'an unencrypted server off this computer',
      { ...customServer, serverUrl: 'ws://livekit.example.org' },
    ],
    [
      'settings:save',
      'an unencrypted guest page off this computer',
      { mode: 'custom', ...customServer, guestPageUrl: 'http://gast.example.org/' },
    ],
    ['settings:test', 'an API key with spaces', { ...customServer, apiKey: 'API key' }],
    ['settings:test', 'an API key with a newline', { ...customServer, apiKey: 'API\nkey' }],
    ['settings:test', 'an empty API key', { ...customServer, apiKey: '' }],
    ['settings:test', 'an API key of 129 characters', { ...customServer, apiKey: 'A'.repeat(129) }],
    ['settings:test', 'an empty API secret', { ...customServer, apiSecret: '' }],
    ['settings:test', 'no server URL', { apiKey: 'APIorgkey' }],
    ['settings:test', 'an extra key', { ...customServer, mode: 'custom' }],
    ['settings:save', 'no mode', { ...customServer, guestPageUrl: 'https://gast.example.org/' }],
    ['settings:save', 'an unknown mode', { ...custom, mode: 'remote' }],
    ['settings:save', 'local mode with a server URL', { mode: 'local', serverUrl: 'wss://x.org' }],
    ['settings:save', 'custom mode without a guest page', { ...customServer, mode: 'custom' }],
    ['settings:save', 'an ftp:// server URL', { ...custom, serverUrl: 'ftp://example.org' }],
    ['settings:save', 'an API key with spaces', { ...custom, apiKey: 'API org key' }],
    [
      'settings:save',
      'a javascript: guest page',
      { ...custom, guestPageUrl: 'javascript:alert(1)' },
    ],
    [
      'settings:save',
      'an ftp:// guest page',
      { ...custom, guestPageUrl: 'ftp://gast.example.org/' },
    ],
    ['settings:save', 'a file: guest page', { ...custom, guestPageUrl: 'file:///index.html' }],
    ['settings:save', 'a ws:// guest page', { ...custom, guestPageUrl: 'ws://gast.example.org/' }],
    ['settings:save', 'an extra key', { ...custom, telemetry: true }],

    ['consultation:create', 'a label of 81 characters', { ...create, label: 'x'.repeat(81) }],
    ['consultation:create', 'a numeric label', { ...create, label: 42 }],
    ['consultation:create', 'no label', { inviteCount: 2, validity: 'today' }],
    ['consultation:create', 'inviteCount 0', { ...create, inviteCount: 0 }],
    ['consultation:create', 'inviteCount 13', { ...create, inviteCount: 13 }],
    ['consultation:create', 'inviteCount 1.5', { ...create, inviteCount: 1.5 }],
    ['consultation:create', 'inviteCount -1', { ...create, inviteCount: -1 }],
    ['consultation:create', 'inviteCount as a string', { ...create, inviteCount: '2' }],
    ['consultation:create', 'inviteCount NaN', { ...create, inviteCount: Number.NaN }],
    [
      'consultation:create',
      'inviteCount Infinity',
      { ...create, inviteCount: Number.POSITIVE_INFINITY },
    ],
    ['consultation:create', 'validity 30-days', { ...create, validity: '30-days' }],
    ['consultation:create', 'validity forever', { ...create, validity: 'forever' }],
    ['consultation:create', 'validity Today', { ...create, validity: 'Today' }],
    ['consultation:create', 'validity in minutes', { ...create, validity: 60 }],
    ['consultation:create', 'no validity', { label, inviteCount: 2 }],
    ['consultation:create', 'guest names', { ...create, names: ['Maria Muster'] }],
    ['consultation:create', 'a chosen room name', { ...create, roomName: validId }],

    ...idChannels.flatMap((channel) =>
      badIds.map(([what, id]): [IpcChannel, string, unknown] => [channel, what, { id }]),
    ),
    ...idChannels.map((channel): [IpcChannel, string, unknown] => [
      channel,
      'an extra key',
      { id: validId, name: 'Maria Muster' },
    ]),
    ...badIds.map(([what, id]): [IpcChannel, string, unknown] => [
      'consultation:remove-participant',
      `${what} as the consultation id`,
      { id, room: 'call', identity: validId },
    ]),
    ...badIds.map(([what, identity]): [IpcChannel, string, unknown] => [
      'consultation:remove-participant',
      `${what} as the identity`,
      { id: validId, room: 'call', identity },
    ]),
    [
      'consultation:remove-participant',
      'the room lobby',
      { id: validId, room: 'lobby', identity: validId },
    ],
    [
      'consultation:remove-participant',
      'a room name instead of call/waiting',
      { id: validId, room: validId, identity: validId },
    ],
    ['consultation:remove-participant', 'no room', { id: validId, identity: validId }],
    [
      'consultation:remove-participant',
      'an extra key',
      { id: validId, room: 'call', identity: validId, reason: 'Maria Muster' },
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
    ['log:event', 'a field named t', { code: 'call.joined', fields: { t: 1 } }],
    [
      'log:event',
      'nine fields',
      { code: 'call.joined', fields: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 } },
    ],
    ['log:event', 'an extra key', { code: 'call.joined', message: 'Maria Muster joined' }],
    ['media:consent', 'a consent given as text', { camera: 'yes', microphone: false }],
    ['media:consent', 'one device left out', { camera: true }],
    [
      'media:consent',
      'a screen asked for on the side',
      { camera: true, microphone: true, screen: true },
    ],
    ['display:keep-awake', 'no answer', {}],
    ['notification:knock', 'a name for the notification', { language: 'de', name: 'Maria' }],
    ['notification:knock', 'text instead of a language', { language: 'Maria wartet' }],
    ['screen:answer', 'no request id', { choice: null }],
    ['screen:answer', 'a made-up request id', { requestId: 'screen', choice: null }],
    [
      'screen:answer',
      'a source without the audio flag',
      { requestId: validId, choice: { sourceId: 'screen:1:0' } },
    ],
    [
      'screen:answer',
      'an empty source id',
      { requestId: validId, choice: { sourceId: '', audio: false } },
    ],
    [
      'screen:answer',
      'a choice with an extra key',
      { requestId: validId, choice: { sourceId: 'screen:1:0', audio: false, all: true } },
    ],
  ];

  it.each(badRequests)('%s with %s → invalid-request', async (channel, _label, request) => {
    expect(await dispatch(channel, request)).toStrictEqual({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(spies[channel]).not.toHaveBeenCalled();
    expect(serverCalls()).toBe(0);
    expect(harness.settings.tested).toStrictEqual([]);
    expect(harness.settings.saved).toStrictEqual([]);
    // The rejected input itself must not end up in the log.
    expect(harness.logLines.join('\n')).not.toMatch(/Maria|maria|passwd|Beratung|secret|example/);
    expect(logCodes()).toStrictEqual(['ipc.invalid_request']);
  });

  it.each<[IpcChannel, string, unknown]>([
    [
      'consultation:create',
      'a label of exactly 80 characters',
      { ...create, label: 'x'.repeat(80) },
    ],
    [
      'consultation:create',
      '80 characters padded with spaces (trimmed)',
      { ...create, label: `  ${'x'.repeat(80)}  ` },
    ],
    ['consultation:create', 'an empty label', { ...create, label: '' }],
    ['consultation:create', 'inviteCount 1', { ...create, inviteCount: 1 }],
    ['consultation:create', 'inviteCount 12', { ...create, inviteCount: 12 }],
    ['consultation:create', 'validity 7-days', { ...create, validity: '7-days' }],
    ['settings:test', 'an API key of 128 characters', { ...customServer, apiKey: 'A'.repeat(128) }],
    [
      'settings:test',
      'no API secret (keep the stored one)',
      { serverUrl: 'wss://x.org', apiKey: 'K' },
    ],
    ['settings:test', 'an https:// server', { ...customServer, serverUrl: 'https://x.org:8443' }],
    ['settings:test', 'a ws:// server', { ...customServer, serverUrl: 'ws://127.0.0.1:7880' }],
    ['settings:save', 'local mode', { mode: 'local' }],
    ['settings:save', 'a custom server', custom],
    [
      'settings:save',
      'an http:// guest page',
      { ...custom, guestPageUrl: 'http://127.0.0.1:5181/' },
    ],
  ])('%s with %s is accepted', async (channel, _label, request) => {
    const result = await dispatch(channel, request);
    expect(result.ok).toBe(true);
    expect(spies[channel]).toHaveBeenCalledTimes(1);
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
      expect(serverCalls()).toBe(0);
      expect(harness.settings.saved).toStrictEqual([]);
      expect(logCodes()).toStrictEqual(['ipc.rejected_sender']);
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
  const serverChannels = [
    'consultation:create',
    'consultation:host-tickets',
    'consultation:admit',
    'consultation:send-back',
    'consultation:remove-participant',
  ] as const;

  async function requestFor(channel: (typeof serverChannels)[number]) {
    if (channel === 'consultation:create') return validRequests[channel];
    const consultation = await createConsultation();
    harness.roomAdmin.calls.length = 0;
    const waitingIdentity = firstInvite(consultation);
    return channel === 'consultation:admit'
      ? { id: consultation.id, waitingIdentity, guestKey }
      : { ...(validRequests[channel] as object), id: consultation.id };
  }

  it.each(
    serverChannels.flatMap((channel) =>
      (['no-credentials', 'not-configured', 'keychain-unavailable'] as const).map(
        (code) => [channel, code] as const,
      ),
    ),
  )('%s when the settings say %s → that code, and no server call', async (channel, code) => {
    const request = await requestFor(channel);
    harness.settings.activeFailure = new ServiceError(code);
    expect(await dispatch(channel, request)).toStrictEqual({ ok: false, error: { code } });
    expect(serverCalls()).toBe(0);
  });

  // A first admission only signs a token; it needs no call to the server.
  it.each(
    serverChannels
      .filter((channel) => channel !== 'consultation:admit')
      .flatMap((channel) =>
        (['server-unreachable', 'server-rejected'] as const).map(
          (problem) => [channel, problem] as const,
        ),
      ),
  )('%s with the server failing as %s → the same code, logged', async (channel, problem) => {
    const request = await requestFor(channel);
    harness.roomAdmin.onCall = async () => {
      throw new LivekitServerError(problem);
    };
    expect(await dispatch(channel, request)).toStrictEqual({
      ok: false,
      error: { code: problem },
    });
    expect(logCodes()).toContain(
      problem === 'server-rejected' ? 'server.rejected' : 'server.unreachable',
    );
  });

  it.each(['server-unreachable', 'server-rejected'] as const)(
    'settings:test with a server that is %s → that code',
    async (problem) => {
      harness.settings.testFailure = new LivekitServerError(problem);
      expect(await dispatch('settings:test', customServer)).toStrictEqual({
        ok: false,
        error: { code: problem },
      });
    },
  );

  it.each([
    'consultation:host-tickets',
    'consultation:admit',
    'consultation:send-back',
    'consultation:sign',
    'consultation:remove-participant',
  ] as const)('%s for an id this machine does not know → not-found', async (channel) => {
    await createConsultation();
    harness.roomAdmin.calls.length = 0;
    expect(await dispatch(channel, validRequests[channel])).toStrictEqual({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(serverCalls()).toBe(0);
  });

  it('consultation:remove for an unknown id answers removed: false', async () => {
    expect(await ok('consultation:remove', { id: validId })).toStrictEqual({ removed: false });
    expect(serverCalls()).toBe(0);
  });

  it('a plain exception becomes internal, without its message or stack', async () => {
    const secretDetail = 'ECONNRESET while sending sk_live_abcdef to /home/maria/notes';
    harness.roomAdmin.onCall = async () => {
      throw new Error(secretDetail);
    };
    const result = await dispatch('consultation:create', validRequests['consultation:create']);
    expect(result).toStrictEqual({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/ECONNRESET|sk_live|maria|at /);
    expect(harness.logLines.join('\n')).not.toMatch(/ECONNRESET|sk_live|maria/);
    expect(logCodes()).toContain('ipc.handler_failed');
  });

  it('only ever answers with a code from the contract list', async () => {
    const results = [
      await dispatch('nope', {}),
      await dispatch('consultation:admit', {}),
      await dispatch('consultation:admit', { id: validId }),
      await dispatch('app:info', {}, false),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(ipcErrorCodes).toContain(result.error.code);
    }
  });
});

describe('dispatchIpc: valid requests', () => {
  it('app:info tells the shell and nothing else (no server, key or path)', async () => {
    expect(await dispatch('app:info', {})).toStrictEqual({
      ok: true,
      value: { shell: 'browser', secretStore: 'memory' },
    });
  });

  it('settings:get answers the view, which never carries the secret', async () => {
    const view = await ok('settings:get', {});
    expect(view).toMatchObject({ serverUrl: activeServer.serverUrl, apiKey: activeServer.apiKey });
    expect(JSON.stringify(view)).not.toContain(apiSecret);
  });

  it('settings:test hands the trimmed input to the settings service and reports reachable', async () => {
    expect(
      await ok('settings:test', {
        serverUrl: '  wss://livekit.example.org  ',
        apiKey: ' APIorgkey ',
        apiSecret: customServer.apiSecret,
      }),
    ).toStrictEqual({ reachable: true });
    expect(harness.settings.tested).toStrictEqual([customServer]);
  });

  it('settings:save passes the chosen mode on', async () => {
    await ok('settings:save', { mode: 'local' });
    const custom = { ...customServer, mode: 'custom', guestPageUrl: 'https://gast.example.org/' };
    await ok('settings:save', custom);
    expect(harness.settings.saved).toStrictEqual([{ mode: 'local' }, custom]);
  });

  it('consultation:create answers a consultation with one link per guest and a waiting room on the server', async () => {
    const consultation = await createConsultation({ label, inviteCount: 3, validity: '7-days' });
    expect(consultation.label).toBe(label);
    expect(consultation.invites).toHaveLength(3);
    expect(harness.roomAdmin.calls).toStrictEqual([
      {
        op: 'createRoom',
        roomName: consultation.waitingRoom,
        emptyTimeout: 7 * 24 * 60 * 60,
        serverUrl: activeServer.serverUrl,
        credentials,
      },
    ]);
  });

  it('consultation:list shows what was created, newest first', async () => {
    const first = await createConsultation();
    vi.setSystemTime(fixedNow + 60_000);
    const second = await createConsultation();
    const { consultations } = await ok('consultation:list', {});
    expect(consultations.map((c) => c.id)).toStrictEqual([second.id, first.id]);
  });

  it('consultation:remove removes it from the list and closes both rooms', async () => {
    const consultation = await createConsultation();
    expect(await ok('consultation:remove', { id: consultation.id })).toStrictEqual({
      removed: true,
    });
    expect((await ok('consultation:list', {})).consultations).toStrictEqual([]);
    expect(
      harness.roomAdmin.calls.filter((call) => call.op === 'deleteRoom').map((c) => c.roomName),
    ).toStrictEqual([consultation.callRoom, consultation.waitingRoom]);
  });

  it.each([
    ['consultation:host-tickets', ['call', 'waiting']],
    ['consultation:admit', ['call']],
  ] as const)(
    '%s → tokens for the server, valid only for joining (a minute)',
    async (channel, grants) => {
      const consultation = await createConsultation();
      const request =
        channel === 'consultation:admit'
          ? { id: consultation.id, waitingIdentity: firstInvite(consultation), guestKey }
          : { id: consultation.id };
      const value = (await ok(channel, request)) as unknown as Record<
        string,
        { serverUrl: string; token: string; expiresAt: number }
      >;
      for (const key of grants) {
        const grant = value[key];
        if (!grant) throw new Error(`no ${key} grant`);
        expect(grant.serverUrl).toBe(activeServer.serverUrl);
        const claims = jwtClaims(grant.token);
        // The expiry shown to the host is the one the server will enforce.
        expect(grant.expiresAt).toBe(claims.exp);
        // Joining needs seconds; LiveKit's reconnects use the token the server renews.
        expect(claims.exp - claims.nbf).toBe(60);
      }
    },
  );

  it.each([
    ['call', 'callRoom'],
    ['waiting', 'waitingRoom'],
  ] as const)(
    'consultation:remove-participant from the %s room asks the server about that room',
    async (room, key) => {
      const consultation = await createConsultation();
      harness.roomAdmin.calls.length = 0;
      harness.roomAdmin.present = () => false;
      expect(
        await ok('consultation:remove-participant', {
          id: consultation.id,
          room,
          identity: validId,
        }),
      ).toStrictEqual({ removed: false });
      expect(harness.roomAdmin.calls).toMatchObject([
        { op: 'removeParticipant', roomName: consultation[key], identity: validId },
      ]);
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

  it('never writes a label, id, room name, key, link, token or the API secret to the log', async () => {
    const consultation = await createConsultation();
    const tickets = await ok('consultation:host-tickets', { id: consultation.id });
    const admitted = await ok('consultation:admit', {
      id: consultation.id,
      waitingIdentity: firstInvite(consultation),
      guestKey,
    });
    await ok('consultation:remove-participant', {
      id: consultation.id,
      room: 'call',
      identity: jwtClaims(admitted.call.token).sub,
    });
    await ok('consultation:list', {});
    await ok('consultation:remove', { id: consultation.id });
    const tokens = [
      tickets.call.token,
      tickets.waiting.token,
      admitted.call.token,
      ...consultation.invites.map((invite) => new URL(invite.webUrl).hash),
    ];

    const text = harness.logLines.join('\n');
    expect(logCodes()).not.toContain('log.rejected_code');
    expect(harness.logLines.length).toBeGreaterThan(4);
    for (const secretValue of [
      label,
      'Familie',
      consultation.id,
      consultation.callRoom,
      consultation.waitingRoom,
      consultation.callKey,
      consultation.waitingKey,
      apiSecret,
      ...consultation.invites.flatMap((invite) => [invite.webUrl, invite.appUrl]),
      ...tokens,
    ])
      expect(text).not.toContain(secretValue);
    // Not even a part of a token (its header or payload segment).
    for (const token of tokens.slice(0, 3))
      for (const part of token.split('.')) expect(text).not.toContain(part);
  });
});
