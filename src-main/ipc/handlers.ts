/**
 * The main-process side of the IPC contract, as plain functions.
 *
 * Electron registers them with ipcMain, browser mode serves them on loopback, and tests call
 * them directly. dispatchIpc checks the caller and parses the input with the contract's
 * schema first; failures come back as typed error values, never as thrown exceptions.
 */
import {
  ipcContract,
  isIpcChannel,
  type IpcChannel,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
} from '../../src-shared/ipc-contract';
import type { ConsultationService } from '../services/consultations';
import type { NoteExporter } from '../services/note-export';
import type { NotesVault } from '../services/notes-vault';
import type { RetentionStore } from '../services/privacy-settings';
import type { ScreenPicker } from '../services/screen-picker';
import type { Logger } from '../services/logger';
import { LivekitServerError } from '../services/room-admin';
import type { SecretStore } from '../services/secret-store';
import type { NoticeLanguage } from '../services/knock-notice';
import type { MediaConsent } from '../security/policy';
import type { ServerSettingsService } from '../services/server-settings';
import { ServiceError } from '../services/service-error';

/** What only the desktop shell can do for the page; browser mode has none of it. */
export interface DesktopControls {
  /** The window's permission handlers follow this from now on. */
  setMediaConsent(consent: MediaConsent): boolean;
  keepDisplayAwake(awake: boolean): boolean;
  /** Whether a notification was shown. */
  notifyKnock(language: NoticeLanguage): boolean;
}

export const noDesktopControls: DesktopControls = {
  setMediaConsent: () => false,
  keepDisplayAwake: () => false,
  notifyKnock: () => false,
};

export interface IpcHandlerDeps {
  shell: 'electron' | 'browser';
  /** Whether an OS keychain answered at start (see SecretStore). */
  secretStore: SecretStore['kind'];
  settings: ServerSettingsService;
  consultations: ConsultationService;
  notes: NotesVault;
  exportNote: NoteExporter;
  /** Opens an http(s) link in the system browser; false where the shell cannot (browser mode). */
  openLink: (url: string) => Promise<boolean>;
  retention: RetentionStore;
  logger: Logger;
  desktop: DesktopControls;
  /** The desktop app's screen picker; absent in browser mode, where the browser asks. */
  screenPicker?: Pick<ScreenPicker, 'answer'>;
}

type Handler<C extends IpcChannel> = (request: IpcRequest<C>) => Promise<IpcResponse<C>>;
export type IpcHandlers = { [C in IpcChannel]: Handler<C> };

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { settings, consultations } = deps;
  return {
    'app:info': async () => ({ shell: deps.shell, secretStore: deps.secretStore }),
    'settings:get': () => settings.view(),
    'settings:test': async (request) => {
      await settings.test(request);
      return { reachable: true };
    },
    'settings:save': (request) => settings.save(request),
    'consultation:create': (request) => consultations.create(request),
    'consultation:list': async () => ({ consultations: await consultations.list() }),
    'consultation:remove': async ({ id }) => ({ removed: await consultations.remove(id) }),
    'consultation:host-tickets': ({ id }) => consultations.hostTickets(id),
    'consultation:open-door': ({ id, waitingIdentity, guestKey }) =>
      consultations.openDoor(id, waitingIdentity, guestKey),
    'consultation:admit': ({ id, waitingIdentity, guestKey }) =>
      consultations.admit(id, waitingIdentity, guestKey),
    'consultation:send-back': ({ id, identity, revoke }) =>
      consultations.sendBack(id, identity, { revoke: revoke ?? false }),
    'consultation:label-invite': ({ id, invite, label }) =>
      consultations.labelInvite(id, invite, label),
    'consultation:revoke-invite': ({ id, invite }) => consultations.revokeInvite(id, invite),
    'consultation:sign': async ({ id, payload }) => ({
      signature: await consultations.sign(id, payload),
    }),
    'consultation:remove-participant': async ({ id, room, identity }) => ({
      removed: await consultations.removeParticipant(id, room, identity),
    }),
    'notes:list': () => deps.notes.list(),
    'notes:get': ({ id }) => deps.notes.get(id),
    'notes:save': (note) => deps.notes.save(note),
    'notes:delete': async ({ id }) => ({ deleted: await deps.notes.remove(id) }),
    'notes:export': ({ id, format }) => deps.exportNote(id, format),
    'links:open': async ({ url }) => ({ opened: await deps.openLink(url) }),
    'privacy:get': () => deps.retention.read(),
    'privacy:save': (request) => deps.retention.write(request),
    'screen:answer': async ({ requestId, choice }) => ({
      accepted: deps.screenPicker?.answer(requestId, choice) ?? false,
    }),
    'log:event': async ({ code, fields }) => {
      deps.logger.event(code, fields);
      return { logged: true };
    },
    'media:consent': async (consent) => ({ applied: deps.desktop.setMediaConsent(consent) }),
    'display:keep-awake': async ({ awake }) => ({ applied: deps.desktop.keepDisplayAwake(awake) }),
    'notification:knock': async ({ language }) => ({
      shown: deps.desktop.notifyKnock(language),
    }),
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
    if (error instanceof ServiceError) return { ok: false, error: { code: error.code } };
    if (error instanceof LivekitServerError) {
      logger.event(error.problem === 'server-rejected' ? 'server.rejected' : 'server.unreachable');
      return { ok: false, error: { code: error.problem } };
    }
    logger.event('ipc.handler_failed');
    return { ok: false, error: { code: 'internal' } };
  }
}
