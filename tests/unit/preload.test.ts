import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../../src-shared/ipc-contract';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn(async () => ({ ok: true, value: {} }));
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } }));

describe('preload', () => {
  let api: Record<string, unknown>;
  beforeAll(async () => {
    await import('../../src-main/preload/index');
    [, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  });

  it('exposes one object, `api`, made of verbs only', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]?.[0]).toBe('api');
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // No way to name a channel or reach the transport.
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync'])
      expect(api).not.toHaveProperty(name);
  });

  it('reaches every contract channel through some verb, and nothing else', async () => {
    const requests: Record<string, unknown[]> = {
      getAppInfo: [],
      createCall: [],
      joinCall: [{ roomName: 'r'.repeat(22) }],
      inviteGuest: [{ roomName: 'r'.repeat(22), validMinutes: 60 }],
      logEvent: [{ code: 'call.joined' }],
    };
    expect(Object.keys(api).sort()).toEqual(Object.keys(requests).sort());
    for (const [verb, args] of Object.entries(requests))
      await (api[verb] as (...a: unknown[]) => unknown)(...args);
    const channels = invoke.mock.calls.map((call) => (call as unknown[])[0]);
    expect([...new Set(channels)].sort()).toEqual(Object.keys(ipcContract).sort());
  });
});
