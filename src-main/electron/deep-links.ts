/**
 * The Electron side of `augenhoehe://join#…` links: register the scheme, collect links from
 * every way the operating system delivers them, and pass valid ones to the page once it
 * has loaded. Parsing and validation are in services/deep-link.ts; nothing here navigates.
 */
import type { App, BrowserWindow, WebContents } from 'electron';
import { resolve } from 'node:path';
import { DEEP_LINK_SCHEME, deepLinkFromArgv, handleDeepLink } from '../services/deep-link';
import type { Logger } from '../services/logger';

export type DeepLinkApp = Pick<App, 'on' | 'setAsDefaultProtocolClient'>;

export type DeepLinkWindow = Pick<
  BrowserWindow,
  'isDestroyed' | 'isMinimized' | 'restore' | 'focus'
> & {
  webContents: Pick<WebContents, 'on' | 'send'>;
};

export interface DeepLinkOptions {
  /** The command line of this (first) start: Windows and Linux pass the link there. */
  argv: readonly string[];
  /** `process.defaultApp`: run as `electron <app path>`, so the OS must call both. */
  defaultApp: boolean;
  execPath: string;
  now?: () => number;
}

export interface DeepLinks {
  /**
   * The window that receives links, and the logger (both exist only after 'ready'). Call
   * it right after the window starts loading: links wait for its 'did-finish-load'.
   */
  attach(window: DeepLinkWindow, logger: Logger): void;
}

/** Links clicked before the page is ready; more than a few at once is not a person clicking. */
const MAX_PENDING = 4;

/** Call before 'ready': macOS sends the link that started the app as 'open-url' right away. */
export function registerDeepLinks(app: DeepLinkApp, options: DeepLinkOptions): DeepLinks {
  const now = options.now ?? Date.now;
  const entry = options.argv[1];
  if (options.defaultApp) {
    // In development the executable is Electron itself; it needs the app path to start us.
    if (entry !== undefined) {
      app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, options.execPath, [resolve(entry)]);
    }
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }

  const pending: string[] = [];
  let window: DeepLinkWindow | null = null;
  let logger: Logger | null = null;
  let pageReady = false;

  function bringToFront(): void {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  // Validated on delivery, not on arrival: a link that waited for the page may have expired.
  function deliver(): void {
    if (!window || window.isDestroyed() || !pageReady || !logger) return;
    for (const url of pending.splice(0)) {
      const result = handleDeepLink(url, now() / 1000);
      if (result.ok) {
        logger.event('deeplink.opened');
        window.webContents.send('deeplink:open', { fragment: result.fragment });
      } else {
        // Only the kind of problem: the link itself holds a token and a key.
        logger.event('deeplink.rejected', { expired: result.problem === 'link-expired' });
      }
    }
  }

  function receive(url: string | null): void {
    if (url !== null) {
      pending.push(url);
      if (pending.length > MAX_PENDING) pending.shift();
      deliver();
    }
    bringToFront();
  }

  app.on('open-url', (event, url) => {
    event.preventDefault();
    receive(typeof url === 'string' ? url : null);
  });
  app.on('second-instance', (_event, argv) => receive(deepLinkFromArgv(argv)));
  const firstStart = deepLinkFromArgv(options.argv);
  if (firstStart !== null) pending.push(firstStart);

  return {
    attach(target, targetLogger) {
      window = target;
      logger = targetLogger;
      pageReady = false;
      // A reload drops the page's listener: hold links until the new page has loaded.
      target.webContents.on('did-start-loading', () => {
        if (window === target) pageReady = false;
      });
      target.webContents.on('did-finish-load', () => {
        if (window !== target) return;
        pageReady = true;
        deliver();
      });
    },
  };
}
