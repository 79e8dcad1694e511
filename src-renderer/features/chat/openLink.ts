import type { AppApi } from '../../../src-shared/api-surface';
import { openableAddress } from './links';

/**
 * How a confirmed link is opened here: by main in the system browser (desktop), or in a
 * new tab that cannot reach back into this page (guest page). Anything but an http(s)
 * address is dropped.
 */
export function openLinkFor(api: AppApi | null): (url: string) => void {
  return (url) => {
    const address = openableAddress(url);
    if (address === null) return;
    // Only the desktop app has a system browser to hand to; browser mode is a tab already.
    if (api && (window as { api?: unknown }).api !== undefined) {
      // Main checks the address again; a refusal leaves nothing to do here.
      void api.openLink({ url: address.href }).catch(() => {});
      return;
    }
    window.open(address.href, '_blank', 'noopener,noreferrer');
  };
}
