import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** The code of a screen could not be loaded (the connection dropped, say). */
export class CodeLoadError extends Error {
  override name = 'CodeLoadError';
}

export type PreloadableComponent<P extends object> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts loading the component's code now; rendering it later waits for the same load. */
  preload: () => Promise<unknown>;
};

/**
 * A component whose code is loaded only when first shown, or earlier through `preload()`:
 * the guest's first screen comes with React and its own text only, and the call's code
 * (livekit-client, the device check, the call) follows while the person reads.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): PreloadableComponent<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new CodeLoadError('code load failed', { cause: error });
    });
    return loading;
  };
  const component = lazy(async () => ({ default: await start() }));
  return Object.assign(component, { preload: start });
}

/**
 * Runs `work` once the current screen has been painted: a task queued from the next
 * animation frame runs after that frame's paint.
 */
export function afterFirstPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
