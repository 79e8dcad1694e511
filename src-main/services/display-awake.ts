/** The part of Electron's powerSaveBlocker used here; passed in, so tests need no Electron. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): void;
}

/**
 * While a call runs the display stays on: a worker listening to a client should not have
 * the screen go dark. One blocker at most; released when the call ends or the page reloads.
 */
export function createDisplayAwake(blocker: PowerSaveBlockerLike) {
  let held: number | null = null;
  function set(awake: boolean): boolean {
    if (awake && held === null) held = blocker.start('prevent-display-sleep');
    if (!awake && held !== null) {
      blocker.stop(held);
      held = null;
    }
    return true;
  }
  return { set, release: () => void set(false), isHeld: () => held !== null };
}

export type DisplayAwake = ReturnType<typeof createDisplayAwake>;
