/**
 * The verbs the renderer may call, built over any transport that can carry the contract:
 * Electron IPC in the preload, the local HTTP channel in browser mode.
 * Imports types only, so the renderer may import this file.
 */
import type { IpcChannel, IpcRequest, IpcResult } from './ipc-contract';

export type Invoke = <C extends IpcChannel>(
  channel: C,
  request: IpcRequest<C>,
) => Promise<IpcResult<C>>;

export function buildAppApi(invoke: Invoke) {
  return {
    /** Which shell runs the app, and which LiveKit server it talks to. */
    getAppInfo: () => invoke('app:info', {}),
    /** A fresh, random room on the server for one consultation. */
    createCall: () => invoke('call:create', {}),
    /** A short-lived token for this person to join the call now. */
    joinCall: (request: IpcRequest<'call:join'>) => invoke('call:join', request),
    /** A token for one guest, valid for the given minutes, to put into an invite link. */
    inviteGuest: (request: IpcRequest<'call:invite'>) => invoke('call:invite', request),
    /** Records an event code with numbers; nothing else can be logged. */
    logEvent: (request: IpcRequest<'log:event'>) => invoke('log:event', request),
  };
}

export type AppApi = ReturnType<typeof buildAppApi>;
