import { use, type ComponentType } from 'react';

/** The code of a screen could not be loaded (the connection dropped, say). */
export class CodeLoadError extends Error {
  override name = 'CodeLoadError';
}

export type PreloadableComponent<P extends object> = ComponentType<P> & {
  /** Starts loading the component's code now; showing it later waits for the same load. */
  preload: () => Promise<unknown>;
};

/**
 * A component whose code is loaded only when first shown, or earlier through `preload()`:
 * the guest's first screen comes with React and its own text only, and the call's code
 * (livekit-client, the device check, the call) follows while the person reads.
 *
 * Not `React.lazy`: that suspends on first render even when the code is already there, and
 * React then holds the fallback for at least 300 ms. Once loaded, this renders at once; it
 * suspends (for the nearest `<Suspense>`) only while the code is still on its way.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): PreloadableComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // The browser keeps a failed module as failed; only a reload tries again.
        throw new CodeLoadError('code load failed', { cause: error });
      },
    );
    return loading;
  };
  function LazyComponent(props: P) {
    const Component = loaded ?? use(start());
    return <Component {...props} />;
  }
  return Object.assign(LazyComponent, { preload: start });
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
