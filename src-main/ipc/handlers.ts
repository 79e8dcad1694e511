/**
 * The main-process side of the IPC contract, as plain functions.
 *
 * Electron registers them with ipcMain, browser mode serves them on loopback, and tests call
 * them directly. Each one parses its input with the contract's schema first; failures come
 * back as typed error values, never as thrown exceptions.
 */
import {
  ipcContract,
  isIpcChannel,
  type IpcChannel,
  type IpcErrorCode,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
} from '../../src-shared/ipc-contract';
import { mintJoinToken, type ApiCredentials } from '../services/call-tokens';
import type { Logger } from '../services/logger';
import { newRoomName } from '../services/random-ids';
import { LivekitServerError, type RoomAdmin } from '../services/room-admin';
import type { SecretStore } from '../services/secret-store';

export interface ServerSettings {
  /** The LiveKit signalling URL, `ws://` or `wss://`. */
  serverUrl: string;
  apiKey: string;
  /** True when this machine runs the embedded development server. */
  localServer: boolean;
}

export interface IpcHandlerDeps {
  shell: 'electron' | 'browser';
  settings: () => ServerSettings;
  /** Where guests open their links; known only once the page server listens. */
  guestPageUrl: () => string;
  secrets: SecretStore;
  roomAdmin: (serverUrl: string, credentials: ApiCredentials) => RoomAdmin;
  logger: Logger;
  now?: () => number;
}

type Handler<C extends IpcChannel> = (request: IpcRequest<C>) => Promise<IpcResponse<C>>;
export type IpcHandlers = { [C in IpcChannel]: Handler<C> };

/** A host's own join token only needs to outlive the connection attempt. */
const JOIN_TOKEN_SECONDS = 10 * 60;

class HandlerError extends Error {
  constructor(readonly code: IpcErrorCode) {
    super(code);
  }
}

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const now = deps.now ?? Date.now;

  async function credentials(): Promise<{ settings: ServerSettings; credentials: ApiCredentials }> {
    const settings = deps.settings();
    const apiSecret = await deps.secrets.get(settings.apiKey);
    if (!apiSecret) throw new HandlerError('no-credentials');
    return { settings, credentials: { apiKey: settings.apiKey, apiSecret } };
  }

  async function grant(roomName: string, seconds: number) {
    const { settings, credentials: creds } = await credentials();
    const minted = await mintJoinToken(creds, roomName, seconds);
    return { serverUrl: settings.serverUrl, token: minted.token, expiresAt: minted.expiresAt };
  }

  return {
    'app:info': async () => {
      const settings = deps.settings();
      return {
        shell: deps.shell,
        serverUrl: settings.serverUrl,
        localServer: settings.localServer,
        guestPageUrl: deps.guestPageUrl(),
      };
    },
    'call:create': async () => {
      const started = now();
      const { settings, credentials: creds } = await credentials();
      const roomName = newRoomName();
      await deps.roomAdmin(settings.serverUrl, creds).createRoom(roomName);
      deps.logger.event('call.created', { ms: now() - started });
      return { roomName };
    },
    'call:join': async ({ roomName }) => grant(roomName, JOIN_TOKEN_SECONDS),
    'call:invite': async ({ roomName, validMinutes }) => {
      const result = await grant(roomName, validMinutes * 60);
      deps.logger.event('call.invite_created', { valid_minutes: validMinutes });
      return result;
    },
    'log:event': async ({ code, fields }) => {
      deps.logger.event(code, fields);
      return { logged: true };
    },
  };
}

/**
 * The single entry point every transport uses: checks the caller, validates the request
 * against the contract, runs the handler, and turns any failure into a typed error.
 */
export async function dispatchIpc(
  handlers: IpcHandlers,
  logger: Logger,
  channel: unknown,
  rawRequest: unknown,
  callerTrusted: boolean,
): Promise<IpcResult<IpcChannel>> {
  if (!callerTrusted) {
    logger.event('ipc.rejected_sender');
    return { ok: false, error: { code: 'forbidden' } };
  }
  if (!isIpcChannel(channel)) {
    logger.event('ipc.unknown_channel');
    return { ok: false, error: { code: 'invalid-request' } };
  }
  const parsed = ipcContract[channel].request.safeParse(rawRequest);
  if (!parsed.success) {
    logger.event('ipc.invalid_request');
    return { ok: false, error: { code: 'invalid-request' } };
  }
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value } as IpcResult<IpcChannel>;
  } catch (error) {
    if (error instanceof HandlerError) return { ok: false, error: { code: error.code } };
    if (error instanceof LivekitServerError) {
      logger.event(error.problem === 'server-rejected' ? 'server.rejected' : 'server.unreachable');
      return { ok: false, error: { code: error.problem } };
    }
    logger.event('ipc.handler_failed');
    return { ok: false, error: { code: 'internal' } };
  }
}
