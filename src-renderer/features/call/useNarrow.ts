import { useSyncExternalStore } from 'react';

/** A phone-sized window: the width where call-screen.css lays the call out for phones. */
const narrowQuery = '(max-width: 600px)';

/** True on a phone-sized window; follows rotation and resizing. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(narrowQuery);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(narrowQuery).matches,
  );
}
