import { useEffect } from 'react';

/**
 * While the calling component is mounted, remembers what had the focus when it appeared;
 * when it goes and took the focus down with it, the focus goes back there. Never pulls the
 * focus away from somewhere else the person has moved to.
 */
export function useFocusReturn(): void {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      const now = document.activeElement;
      if ((now === null || now === document.body) && opener?.isConnected) opener.focus();
    };
  }, []);
}
