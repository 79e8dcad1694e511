/**
 * Shared wiring for tests that run the real IPC handlers without a LiveKit server:
 * a memory secret store, a memory log sink and a room admin that only records calls.
 */
import {
  createIpcHandlers,
  type IpcHandlers,
  type ServerSettings,
} from '../../src-main/ipc/handlers';
import type { ApiCredentials } from '../../src-main/services/call-tokens';
import { createLogger, createMemoryLogSink, type Logger } from '../../src-main/services/logger';
import type { RoomAdmin } from '../../src-main/services/room-admin';
import { createMemorySecretStore, type SecretStore } from '../../src-main/services/secret-store';

export const settings: ServerSettings = {
  serverUrl: 'ws://127.0.0.1:7880',
  apiKey: 'APItestkey',
  localServer: true,
};
export const apiSecret = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const guestPageUrl = 'http://127.0.0.1:5181/';
/** A fixed clock, so expiry times are exact. */
export const fixedNow = Date.UTC(2030, 0, 15, 9, 30, 0);

export interface CreateRoomCall {
  serverUrl: string;
  credentials: ApiCredentials;
  roomName: string;
}

export interface Harness {
  handlers: IpcHandlers;
  logger: Logger;
  logLines: string[];
  secrets: SecretStore;
  createRoomCalls: CreateRoomCall[];
  /** Replaces what the fake server does on createRoom (default: succeed). */
  onCreateRoom: (roomName: string) => Promise<void>;
}

export async function createHarness(options: { withSecret?: boolean } = {}): Promise<Harness> {
  const sink = createMemoryLogSink();
  const logger = createLogger(sink);
  const secrets = createMemorySecretStore();
  if (options.withSecret ?? true) await secrets.set(settings.apiKey, apiSecret);
  const harness: Harness = {
    handlers: undefined as unknown as IpcHandlers,
    logger,
    logLines: sink.lines,
    secrets,
    createRoomCalls: [],
    onCreateRoom: async () => {},
  };
  harness.handlers = createIpcHandlers({
    shell: 'browser',
    settings: () => settings,
    guestPageUrl: () => guestPageUrl,
    secrets,
    logger,
    now: () => fixedNow,
    roomAdmin: (serverUrl, credentials): RoomAdmin => ({
      createRoom: async (roomName) => {
        harness.createRoomCalls.push({ serverUrl, credentials, roomName });
        await harness.onCreateRoom(roomName);
      },
    }),
  });
  return harness;
}
