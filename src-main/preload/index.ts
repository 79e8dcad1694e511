/**
 * The preload exposes verbs, never a transport: the page gets `window.api` with one
 * function per contract channel and no way to name a channel itself.
 *
 * It runs sandboxed as CommonJS, so it imports only Electron and the type-only API surface;
 * the one event payload is checked by hand rather than with zod.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildAppApi, type Invoke, type SubscribeDeepLinks } from '../../src-shared/api-surface';

/** The `deeplink:open` bound from the contract. */
const MAX_FRAGMENT_LENGTH = 8192;

const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request);

function isDeepLinkPayload(payload: unknown): payload is { fragment: string } {
  if (typeof payload !== 'object' || payload === null) return false;
  const proto: unknown = Object.getPrototypeOf(payload);
  if (proto !== Object.prototype && proto !== null) return false;
  const fragment = (payload as { fragment?: unknown }).fragment;
  return typeof fragment === 'string' && fragment.length <= MAX_FRAGMENT_LENGTH;
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
