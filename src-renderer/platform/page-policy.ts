/**
 * The page's Content-Security-Policy names the LiveKit server it was served with, and a
 * page cannot widen its own policy. Main serves every load with the policy for the server
 * saved now, so after a new server is saved the page loads once more (the host's per-run
 * token survives in session storage in browser mode; the Electron window keeps its preload).
 */
export function reloadForNewServer(): void {
  window.location.reload();
}
