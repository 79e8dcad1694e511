/**
 * The preload exposes verbs, never a transport: the page gets `window.api` with one
 * function per contract channel and no way to name a channel itself.
 *
 * It runs sandboxed as CommonJS, so it imports only Electron, the type-only API surface and
 * the shared limits (none of which pulls in zod); the event payloads are checked by hand.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  buildAppApi,
  type Invoke,
  type SubscribeDeepLinks,
  type SubscribeScreenChoices,
} from '../../src-shared/api-surface';
import type { IpcEventPayload } from '../../src-shared/ipc-contract';
import { MAX_LINK_LENGTH } from '../../src-shared/limits';

/** The bounds of `screen:choose` from the contract (`deeplink:open`: MAX_LINK_LENGTH). */
const MAX_SOURCES = 64;
const MAX_THUMBNAIL_LENGTH = 512 * 1024;

const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const isString = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;

function isDeepLinkPayload(payload: unknown): payload is { fragment: string } {
  if (!isPlainObject(payload)) return false;
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

/** A fresh copy of a `screen:choose` question, or null when it is not one. */
function screenQuestion(payload: unknown): IpcEventPayload<'screen:choose'> | null {
  if (!isPlainObject(payload)) return null;
  const { requestId, sources, audioAvailable } = payload;
  if (typeof requestId !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(requestId)) return null;
  if (typeof audioAvailable !== 'boolean') return null;
  if (!Array.isArray(sources) || sources.length > MAX_SOURCES) return null;
  const copied: IpcEventPayload<'screen:choose'>['sources'] = [];
  for (const source of sources) {
    if (!isPlainObject(source)) return null;
    const { id, kind, name, thumbnail } = source;
    if (!isString(id, 1, 200) || !isString(name, 0, 200)) return null;
    if (kind !== 'screen' && kind !== 'window') return null;
    if (!isString(thumbnail, 0, MAX_THUMBNAIL_LENGTH)) return null;
    copied.push({ id, kind, name, thumbnail });
  }
  return { requestId, sources: copied, audioAvailable };
}

/** The app's screen picker: main asks which screen or window to share. */
const onScreenChoice: SubscribeScreenChoices = (listener) => {
  if (typeof listener !== 'function') return () => {};
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    const question = screenQuestion(payload);
    if (question) listener(question);
  };
  ipcRenderer.on('screen:choose', handler);
  return () => {
    ipcRenderer.removeListener('screen:choose', handler);
  };
};

contextBridge.exposeInMainWorld('api', buildAppApi(invoke, onDeepLink, onScreenChoice));
