import { EventEmitter } from 'node:events';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../../src-shared/ipc-contract';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn(async (_channel: string, _request?: unknown) => ({ ok: true, value: {} }));
// A real emitter stands in for ipcRenderer, so listener counts and removal are the real thing.
const ipcEvents = new EventEmitter();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (...args: unknown[]) => void) => ipcEvents.on(channel, fn),
    removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
      ipcEvents.removeListener(channel, fn),
  },
}));

type Verb = (...args: unknown[]) => unknown;

describe('preload', () => {
  let api: Record<string, unknown>;
  beforeAll(async () => {
    await import('../../src-main/preload/index');
    [, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  });

  it('exposes one object, `api`, made of verbs only', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]?.[0]).toBe('api');
    expect(Object.keys(api).length).toBeGreaterThan(0);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // No way to name a channel or reach the transport.
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync', 'removeListener'])
      expect(api).not.toHaveProperty(name);
  });

  it('reaches every contract channel through some verb, and nothing else', async () => {
    const id = 'r'.repeat(22);
    const server = { serverUrl: 'wss://lk.example', apiKey: 'key', apiSecret: 'secret' };
    const requests: Record<string, unknown[]> = {
      getAppInfo: [],
      getServerSettings: [],
      testServer: [server],
      saveServerSettings: [{ mode: 'local' }],
      createConsultation: [{ label: '', inviteCount: 1, validity: 'today' }],
      listConsultations: [],
      removeConsultation: [{ id }],
      hostTickets: [{ id }],
      openDoor: [{ id }],
      admitGuest: [{ id }],
      sendBack: [{ id, identity: id }],
      signAsHost: [{ id, payload: 'cGF5bG9hZA' }],
      labelInvite: [{ id, invite: 0, label: 'Frau M.' }],
      revokeInvite: [{ id, invite: 0 }],
      removeParticipant: [{ id, room: 'waiting', identity: id }],
      listNotes: [],
      getNote: [{ id }],
      saveNote: [{ id }],
      deleteNote: [{ id }],
      exportNote: [{ id, format: 'pdf' }],
      openLink: [{ url: 'https://example.org/' }],
      getPrivacySettings: [],
      savePrivacySettings: [{ logRetentionDays: 7, noteRetentionDays: 30 }],
      logEvent: [{ code: 'call.joined' }],
      setMediaConsent: [{ camera: true, microphone: false }],
      keepDisplayAwake: [{ awake: true }],
      notifyKnock: [{ language: 'de' }],
      answerScreenChoice: [{ requestId: id, choice: null }],
    };
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(requests), 'onDeepLink', 'onScreenChoice'].sort(),
    );
    invoke.mockClear();
    for (const [verb, args] of Object.entries(requests)) {
      await (api[verb] as Verb)(...args);
      // Each verb passes the page's request through unchanged (the empty ones send `{}`).
      expect(invoke.mock.lastCall?.[1]).toEqual(args[0] ?? {});
    }
    const channels = invoke.mock.calls.map((call) => call[0]);
    expect([...new Set(channels)].sort()).toEqual(Object.keys(ipcContract).sort());
    expect(channels).toHaveLength(Object.keys(requests).length);
  });

  describe('onDeepLink', () => {
    const onDeepLink = () => api.onDeepLink as (listener: unknown) => () => void;
    const emit = (payload: unknown) =>
      ipcEvents.emit('deeplink:open', { sender: 'ipc event' }, payload);

    beforeEach(() => ipcEvents.removeAllListeners());

    it('registers exactly one deeplink:open listener, and nothing else', () => {
      onDeepLink()(vi.fn());
      expect(ipcEvents.eventNames()).toEqual(['deeplink:open']);
      expect(ipcEvents.listenerCount('deeplink:open')).toBe(1);
    });

    it('passes the fragment only, never the IPC event', () => {
      const listener = vi.fn();
      onDeepLink()(listener);
      emit({ fragment: 'v=2&s=x' });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener.mock.calls[0]).toEqual([{ fragment: 'v=2&s=x' }]);
    });

    it('passes a fresh object, so nothing else in the message reaches the page', () => {
      const listener = vi.fn();
      onDeepLink()(listener);
      const payload = { fragment: 'v=2', extra: 'x' };
      emit(payload);
      expect(listener.mock.calls[0]).toEqual([{ fragment: 'v=2' }]);
      expect(listener.mock.calls[0]?.[0]).not.toBe(payload);
    });

    it('accepts a fragment of exactly 8 KB', () => {
      const listener = vi.fn();
      onDeepLink()(listener);
      emit({ fragment: 'a'.repeat(8192) });
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['nothing', undefined],
      ['null', null],
      ['a bare string', 'v=2&s=x'],
      ['an array', ['v=2']],
      ['no fragment', {}],
      ['a number as fragment', { fragment: 42 }],
      ['an object as fragment', { fragment: { toString: () => 'v=2' } }],
      ['a fragment over 8 KB', { fragment: 'a'.repeat(8193) }],
      ['an object that is not plain', Object.assign(new (class Link {})(), { fragment: 'v=2' })],
    ])('drops %s', (_what, payload) => {
      const listener = vi.fn();
      onDeepLink()(listener);
      emit(payload);
      expect(listener).not.toHaveBeenCalled();
    });

    it('its returned function removes the listener', () => {
      const listener = vi.fn();
      const unsubscribe = onDeepLink()(listener);
      unsubscribe();
      expect(ipcEvents.listenerCount('deeplink:open')).toBe(0);
      emit({ fragment: 'v=2' });
      expect(listener).not.toHaveBeenCalled();
    });

    it('removes only its own listener', () => {
      const first = vi.fn();
      const second = vi.fn();
      const unsubscribeFirst = onDeepLink()(first);
      onDeepLink()(second);
      unsubscribeFirst();
      emit({ fragment: 'v=2' });
      expect(first).not.toHaveBeenCalled();
      expect(second).toHaveBeenCalledTimes(1);
    });

    it('registers nothing for a listener that is not a function', () => {
      const unsubscribe = onDeepLink()('not a function');
      expect(ipcEvents.listenerCount('deeplink:open')).toBe(0);
      expect(typeof unsubscribe).toBe('function');
    });
  });

  describe('onScreenChoice', () => {
    const onScreenChoice = () => api.onScreenChoice as (listener: unknown) => () => void;
    const emit = (payload: unknown) =>
      ipcEvents.emit('screen:choose', { sender: 'ipc event' }, payload);
    const requestId = 'AbCdEfGhIjKlMnOpQr_-09';
    const screen = { id: 'screen:1:0', kind: 'screen', name: 'Bildschirm 1', thumbnail: '' };
    const question = { requestId, sources: [screen], audioAvailable: false };

    beforeEach(() => ipcEvents.removeAllListeners());

    it('passes a fresh copy of the question, and nothing else in the message', () => {
      const listener = vi.fn();
      onScreenChoice()(listener);
      const payload = {
        ...question,
        extra: 'x',
        sources: [{ ...screen, extra: 'y' }],
      };
      emit(payload);
      expect(listener.mock.calls[0]).toEqual([question]);
      expect(listener.mock.calls[0]?.[0]).not.toBe(payload);
    });

    it.each([
      ['nothing', undefined],
      ['a made-up request id', { ...question, requestId: 'x' }],
      ['no sources', { requestId, audioAvailable: false }],
      ['a source of an unknown kind', { ...question, sources: [{ ...screen, kind: 'tab' }] }],
      ['a source without a name', { ...question, sources: [{ ...screen, name: 1 }] }],
      [
        'a huge thumbnail',
        { ...question, sources: [{ ...screen, thumbnail: 'a'.repeat(524_289) }] },
      ],
      ['65 sources', { ...question, sources: Array.from({ length: 65 }, () => screen) }],
      ['audio as a string', { ...question, audioAvailable: 'yes' }],
    ])('drops %s', (_what, payload) => {
      const listener = vi.fn();
      onScreenChoice()(listener);
      emit(payload);
      expect(listener).not.toHaveBeenCalled();
    });

    it('its returned function removes the listener', () => {
      const unsubscribe = onScreenChoice()(vi.fn());
      expect(ipcEvents.listenerCount('screen:choose')).toBe(1);
      unsubscribe();
      expect(ipcEvents.listenerCount('screen:choose')).toBe(0);
    });
  });
});
