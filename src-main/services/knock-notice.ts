/**
 * A guest knocks while the worker's window is in the background: one system notification,
 * with no name in it (notifications show on lock screens and in notification centres, and
 * are kept there). Main chooses the text; the page can only say which language.
 */
export type NoticeLanguage = 'de' | 'en';

export const KNOCK_NOTICE: Record<NoticeLanguage, { title: string; body: string }> = {
  de: { title: 'Augenhöhe', body: 'Jemand wartet im Warteraum.' },
  en: { title: 'Augenhöhe', body: 'Someone is waiting in the waiting room.' },
};

/** Guests knock again every few seconds until let in: one notice covers a while. */
export const KNOCK_NOTICE_QUIET_MS = 30_000;

export interface KnockNoticeDeps {
  /** True while the worker is looking at the window (focused, visible, not minimised). */
  inForeground(): boolean;
  /** Shows a system notification; false where the system has none. */
  show(text: { title: string; body: string }, onClick: () => void): boolean;
  /** Clicking the notification brings the window back. */
  bringToFront(): void;
  now?: () => number;
}

export function createKnockNotice(deps: KnockNoticeDeps) {
  const now = deps.now ?? Date.now;
  let lastShown = Number.NEGATIVE_INFINITY;
  return {
    /** Whether a notification was shown. */
    notify(language: NoticeLanguage): boolean {
      if (deps.inForeground()) return false;
      if (now() - lastShown < KNOCK_NOTICE_QUIET_MS) return false;
      const shown = deps.show(KNOCK_NOTICE[language], deps.bringToFront);
      if (shown) lastShown = now();
      return shown;
    },
  };
}
