/**
 * The preload exposes verbs, never a transport: the page gets `window.api` with one
 * function per contract channel and no way to name a channel itself.
 *
 * It runs sandboxed as CommonJS, so it imports only Electron, the API surface and the shared
 * limits (none of which pulls in zod); the one event payload is checked by hand.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildAppApi, type Invoke, type SubscribeDeepLinks } from '../../src-shared/api-surface';
import { MAX_LINK_LENGTH } from '../../src-shared/limits';

const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request);

function isDeepLinkPayload(payload: unknown): payload is { fragment: string } {
  if (typeof payload !== 'object' || payload === null) return false;
  const proto: unknown = Object.getPrototypeOf(payload);
  if (proto !== Object.prototype && proto !== null) return false;
  const fragment = (payload as { fragment?: unknown }).fragment;
  return typeof fragment === 'string' && fragment.length <= MAX_LINK_LENGTH;
}

/** Invite links opened in the desktop app; the page never sees the IPC event itself. */
const onDeepLink: SubscribeDeepLinks = (listener) => {
  if (typeof listener !== 'function') return () => {};
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    // A fresh object, so nothing but the fragment crosses to the page.
    if (isDeepLinkPayload(payload)) listener({ fragment: payload.fragment });
  };
  ipcRenderer.on('deeplink:open', handler);
  return () => {
    ipcRenderer.removeListener('deeplink:open', handler);
  };
};

contextBridge.exposeInMainWorld('api', buildAppApi(invoke, onDeepLink));
