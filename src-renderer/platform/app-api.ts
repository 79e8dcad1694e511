/**
 * Finds the host API for this page. In Electron the preload provides `window.api`; in
 * browser mode the page talks to the local Node process over loopback with the per-run
 * token from its address; a guest page has no host API at all.
 */
import { buildAppApi, type AppApi, type Invoke } from '../../src-shared/api-surface';
import type { IpcChannel, IpcResult } from '../../src-shared/ipc-contract';

declare global {
  interface Window {
    api?: AppApi;
  }
}

const TOKEN_KEY = 'augenhoehe.host-token';

function browserModeInvoke(token: string): Invoke {
  const failed: IpcResult<IpcChannel> = { ok: false, error: { code: 'internal' } };
  const invoke = async (channel: IpcChannel, request: unknown): Promise<IpcResult<IpcChannel>> => {
    try {
      const response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(request),
        cache: 'no-store',
      });
      // 403 carries a typed `forbidden` result; any other failure is not ours to explain.
      if (!response.ok && response.status !== 403) return failed;
      return (await response.json()) as IpcResult<IpcChannel>;
    } catch {
      return failed;
    }
  };
  return invoke as Invoke;
}

/** Takes the browser-mode token out of the address bar so it is not left in history. */
function takeHostToken(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromLink = fragment.get('host');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', window.location.pathname);
    return fromLink;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * Listens for deep links from the very start and keeps them until the app subscribes:
 * the link that launched the app arrives before React has mounted anything.
 */
function bufferDeepLinks(api: AppApi): AppApi {
  type Link = Parameters<Parameters<AppApi['onDeepLink']>[0]>[0];
  const pending: Link[] = [];
  let deliver: ((link: Link) => void) | null = null;
  api.onDeepLink((link) => (deliver ? deliver(link) : pending.push(link)));
  return {
    ...api,
    onDeepLink: (listener) => {
      deliver = listener;
      pending.splice(0).forEach(listener);
      return () => {
        if (deliver === listener) deliver = null;
      };
    },
  };
}

export function resolveAppApi(): AppApi | null {
  if (window.api) return bufferDeepLinks(window.api);
  const token = takeHostToken();
  return token ? buildAppApi(browserModeInvoke(token)) : null;
}
