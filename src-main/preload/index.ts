/**
 * The preload exposes verbs, never a transport: the page gets `window.api` with one
 * function per contract channel and no way to name a channel itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildAppApi, type Invoke } from '../../src-shared/api-surface';

const invoke: Invoke = (channel, request) => ipcRenderer.invoke(channel, request);

contextBridge.exposeInMainWorld('api', buildAppApi(invoke));
