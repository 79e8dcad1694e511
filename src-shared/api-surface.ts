/**
 * The verbs the renderer may call, built over any transport that can carry the contract:
 * Electron IPC in the preload, the local HTTP channel in browser mode.
 * Imports types only, so the renderer may import this file.
 */
import type { IpcChannel, IpcEventPayload, IpcRequest, IpcResult } from './ipc-contract';

export type Invoke = <C extends IpcChannel>(
  channel: C,
  request: IpcRequest<C>,
) => Promise<IpcResult<C>>;

/** Subscribes to deep links; returns the unsubscribe function. */
export type SubscribeDeepLinks = (
  listener: (link: IpcEventPayload<'deeplink:open'>) => void,
) => () => void;

/** Subscribes to the screen picker's questions (desktop app only); returns the unsubscribe function. */
export type SubscribeScreenChoices = (
  listener: (request: IpcEventPayload<'screen:choose'>) => void,
) => () => void;

export function buildAppApi(
  invoke: Invoke,
  onDeepLink: SubscribeDeepLinks = () => () => {},
  onScreenChoice: SubscribeScreenChoices = () => () => {},
) {
  return {
    /** Which shell runs the app. */
    getAppInfo: () => invoke('app:info', {}),
    /** The LiveKit server settings, without the secret. */
    getServerSettings: () => invoke('settings:get', {}),
    /** Tries a server address, key and secret without saving them. */
    testServer: (request: IpcRequest<'settings:test'>) => invoke('settings:test', request),
    /** Saves server settings after a successful test connection. */
    saveServerSettings: (request: IpcRequest<'settings:save'>) => invoke('settings:save', request),
    /** A consultation with fresh rooms, keys and one invite link per person. */
    createConsultation: (request: IpcRequest<'consultation:create'>) =>
      invoke('consultation:create', request),
    /** Today's consultations on this machine. */
    listConsultations: () => invoke('consultation:list', {}),
    /** Deletes a consultation from this machine and closes its rooms. */
    removeConsultation: (request: IpcRequest<'consultation:remove'>) =>
      invoke('consultation:remove', request),
    /** Fresh tokens for the host in the call and in the waiting room. */
    hostTickets: (request: IpcRequest<'consultation:host-tickets'>) =>
      invoke('consultation:host-tickets', request),
    /** A powerless token into the call's room for a guest who knocked (see the contract). */
    openDoor: (request: IpcRequest<'consultation:open-door'>) =>
      invoke('consultation:open-door', request),
    /** A call token for one guest who is being let in. */
    admitGuest: (request: IpcRequest<'consultation:admit'>) =>
      invoke('consultation:admit', request),
    /** Out of the call, back to the waiting room; returns the call's next key. */
    sendBack: (request: IpcRequest<'consultation:send-back'>) =>
      invoke('consultation:send-back', request),
    /** Names one invite link on this machine ("Herr K."); never part of the link. */
    labelInvite: (request: IpcRequest<'consultation:label-invite'>) =>
      invoke('consultation:label-invite', request),
    /** Withdraws one invite link for good: nobody gets in with it any more. */
    revokeInvite: (request: IpcRequest<'consultation:revoke-invite'>) =>
      invoke('consultation:revoke-invite', request),
    /** The host's signature on one of the call's control messages. */
    signAsHost: (request: IpcRequest<'consultation:sign'>) => invoke('consultation:sign', request),
    /** Takes someone out of the call or the waiting room. */
    removeParticipant: (request: IpcRequest<'consultation:remove-participant'>) =>
      invoke('consultation:remove-participant', request),
    /** Saved outcome notes on this machine. */
    listNotes: () => invoke('notes:list', {}),
    getNote: (request: IpcRequest<'notes:get'>) => invoke('notes:get', request),
    /** Saves (creates or replaces) a note, encrypted at rest, atomically. */
    saveNote: (request: IpcRequest<'notes:save'>) => invoke('notes:save', request),
    deleteNote: (request: IpcRequest<'notes:delete'>) => invoke('notes:delete', request),
    /** Markdown or PDF for the case file, written where the worker chooses. */
    exportNote: (request: IpcRequest<'notes:export'>) => invoke('notes:export', request),
    /** Opens an http(s) link in the system browser, after the person confirmed it. */
    openLink: (request: IpcRequest<'links:open'>) => invoke('links:open', request),
    /** Retention periods for log files and notes. */
    getPrivacySettings: () => invoke('privacy:get', {}),
    savePrivacySettings: (request: IpcRequest<'privacy:save'>) => invoke('privacy:save', request),
    /** Records an event code with numbers; nothing else can be logged. */
    logEvent: (request: IpcRequest<'log:event'>) => invoke('log:event', request),
    /** Camera and microphone as the person ticked them; the desktop window follows it. */
    setMediaConsent: (request: IpcRequest<'media:consent'>) => invoke('media:consent', request),
    /** Keeps the display awake while in a call (desktop app). */
    keepDisplayAwake: (request: IpcRequest<'display:keep-awake'>) =>
      invoke('display:keep-awake', request),
    /** A system notification for a knock while the window is in the background, without a name. */
    notifyKnock: (request: IpcRequest<'notification:knock'>) =>
      invoke('notification:knock', request),
    /** The person's answer in the app's screen picker. */
    answerScreenChoice: (request: IpcRequest<'screen:answer'>) => invoke('screen:answer', request),
    /** Invite links opened while the desktop app runs. */
    onDeepLink,
    /** The desktop app asks which screen or window to share. */
    onScreenChoice,
  };
}

export type AppApi = ReturnType<typeof buildAppApi>;
