/**
 * Shared wiring for tests that run the real IPC handlers and the real consultation service
 * without a LiveKit server: a fake ServerSettingsService, a room admin that only records
 * what it was asked, a memory log sink and (for the harness) an in-memory consultation file.
 */
import type { ServerSettingsViewType } from '../../src-shared/ipc-contract';
import {
  createIpcHandlers,
  noDesktopControls,
  type IpcHandlers,
} from '../../src-main/ipc/handlers';
import type { ApiCredentials } from '../../src-main/services/call-tokens';
import {
  createConsultationService,
  type StoredConsultation,
  type ConsultationService,
} from '../../src-main/services/consultations';
import type { EncryptedJsonFile } from '../../src-main/services/encrypted-file';
import { createLogger, createMemoryLogSink, type Logger } from '../../src-main/services/logger';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNoteExporter } from '../../src-main/services/note-export';
import { createNotesVault } from '../../src-main/services/notes-vault';
import { createJsonRetentionStore } from '../../src-main/services/privacy-settings';
import { createMemorySecretStore } from '../../src-main/services/secret-store';
import type { RoomAdmin } from '../../src-main/services/room-admin';
import type {
  ActiveServer,
  CustomServerInput,
  ServerSettingsService,
} from '../../src-main/services/server-settings';

export const apiSecret = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
export const guestPageUrl = 'http://127.0.0.1:5181/';
export const activeServer: ActiveServer = {
  serverUrl: 'ws://127.0.0.1:7880',
  apiKey: 'APItestkey',
  apiSecret,
  guestPageUrl,
  usingLocalServer: true,
};
export const credentials: ApiCredentials = { apiKey: activeServer.apiKey, apiSecret };
/** A fixed clock, so expiry times are exact (09:30 UTC on a winter weekday). */
export const fixedNow = Date.UTC(2030, 0, 15, 9, 30, 0);

type SaveInput = Parameters<ServerSettingsService['save']>[0];

export interface FakeServerSettings extends ServerSettingsService {
  server: ActiveServer;
  /** When set, active() throws it (say `new ServiceError('no-credentials')`). */
  activeFailure: Error | null;
  /** When set, test() throws it. */
  testFailure: Error | null;
  tested: CustomServerInput[];
  saved: SaveInput[];
}

/** A ServerSettingsService that serves one fixed server and records what it was asked. */
export function fakeServerSettings(server: ActiveServer = activeServer): FakeServerSettings {
  const fake: FakeServerSettings = {
    server,
    activeFailure: null,
    testFailure: null,
    tested: [],
    saved: [],
    async view(): Promise<ServerSettingsViewType> {
      return {
        configured: true,
        mode: fake.server.usingLocalServer ? 'local' : 'custom',
        serverUrl: fake.server.serverUrl,
        apiKey: fake.server.apiKey,
        hasSecret: true,
        guestPageUrl: fake.server.guestPageUrl,
        localServerAvailable: true,
      };
    },
    async active() {
      if (fake.activeFailure) throw fake.activeFailure;
      return { ...fake.server };
    },
    async test(input) {
      fake.tested.push(input);
      if (fake.testFailure) throw fake.testFailure;
    },
    async save(input) {
      fake.saved.push(input);
      return fake.view();
    },
  };
  return fake;
}

/** One request to the server; fields a request does not have stay out. */
export interface RoomAdminCall {
  op: 'createRoom' | 'deleteRoom' | 'letIn' | 'removeParticipant' | 'participants' | 'check';
  roomName?: string;
  emptyTimeout?: number;
  identity?: string;
}

export type RecordedRoomAdminCall = RoomAdminCall & {
  serverUrl: string;
  credentials: ApiCredentials;
};

export interface RecordingRoomAdmin {
  calls: RecordedRoomAdminCall[];
  /** Runs for every call, after it is recorded; throw from it to make the "server" fail. */
  onCall: (call: RoomAdminCall) => Promise<void>;
  /** What letIn and removeParticipant answer (default: the participant was there). */
  present: (roomName: string, identity: string) => boolean;
  /** Who the "server" says is in a room now (default: nobody). */
  inRoom: (roomName: string) => string[];
  /** Has the shape of createRoomAdmin. */
  factory: (serverUrl: string, credentials: ApiCredentials) => RoomAdmin;
}

export function recordingRoomAdmin(): RecordingRoomAdmin {
  const recorder: RecordingRoomAdmin = {
    calls: [],
    onCall: async () => {},
    present: () => true,
    inRoom: () => [],
    factory: (serverUrl, given) => {
      const record = async (call: RoomAdminCall) => {
        recorder.calls.push({ ...call, serverUrl, credentials: given });
        await recorder.onCall(call);
      };
      return {
        createRoom: (roomName, emptyTimeout) =>
          record({ op: 'createRoom', roomName, emptyTimeout }),
        deleteRoom: (roomName) => record({ op: 'deleteRoom', roomName }),
        letIn: async (roomName, identity) => {
          await record({ op: 'letIn', roomName, identity });
          return recorder.present(roomName, identity);
        },
        removeParticipant: async (roomName, identity) => {
          await record({ op: 'removeParticipant', roomName, identity });
          return recorder.present(roomName, identity);
        },
        participants: async (roomName) => {
          await record({ op: 'participants', roomName });
          return recorder.inRoom(roomName);
        },
        check: () => record({ op: 'check' }),
      };
    },
  };
  return recorder;
}

/** An EncryptedJsonFile kept in memory, serialised like the real one. */
export function memoryJsonFile<T>(): EncryptedJsonFile<T> & { stored: string | null } {
  const file = {
    stored: null as string | null,
    async read(fallback: T): Promise<T> {
      return file.stored === null ? fallback : (JSON.parse(file.stored) as T);
    },
    async write(value: T): Promise<void> {
      file.stored = JSON.stringify(value);
    },
  };
  return file;
}

export interface Harness {
  handlers: IpcHandlers;
  logger: Logger;
  logLines: string[];
  settings: FakeServerSettings;
  roomAdmin: RecordingRoomAdmin;
  consultations: ConsultationService;
}

/** The real handlers over the real consultation service, with the fakes above. */
export function createHarness(options: { now?: () => number } = {}): Harness {
  const sink = createMemoryLogSink();
  const logger = createLogger(sink);
  const settings = fakeServerSettings();
  const roomAdmin = recordingRoomAdmin();
  const consultations = createConsultationService({
    settings,
    file: memoryJsonFile<StoredConsultation[]>(),
    roomAdmin: roomAdmin.factory,
    logger,
    now: options.now,
  });
  // The real notes vault and retention store, in a folder of their own.
  const dir = mkdtempSync(join(tmpdir(), 'augenhoehe-handlers-'));
  const retention = createJsonRetentionStore(join(dir, 'privacy.json'));
  const notes = createNotesVault({
    dir: join(dir, 'notes'),
    secrets: createMemorySecretStore(),
    retention,
    logger,
  });
  const exportNote = createNoteExporter({
    vault: notes,
    choosePath: async () => 'download',
    logger,
  });
  return {
    handlers: createIpcHandlers({
      shell: 'browser',
      secretStore: 'memory',
      settings,
      consultations,
      notes,
      exportNote,
      openLink: async () => false,
      retention,
      logger,
      desktop: noDesktopControls,
    }),
    logger,
    logLines: sink.lines,
    settings,
    roomAdmin,
    consultations,
  };
}

/** The claims of a JWT, read without verifying it. */
export function jwtClaims(token: string): Record<string, unknown> & {
  sub: string;
  exp: number;
  nbf: number;
  video: Record<string, unknown>;
} {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}
