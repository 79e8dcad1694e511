/**
 * The Content-Security-Policy for every way the renderer is served (Electron's app://
 * scheme, browser mode, the guest page). Scripts, styles and fonts come from the app
 * itself only; the one outside host is the organisation's LiveKit server.
 */
import { parseServerAddress } from '../../src-shared/server-address';

export function contentSecurityPolicy(livekitServerUrls: readonly string[]): string {
  const livekit = livekitServerUrls.flatMap((serverUrl) => {
    // The same rule as the settings: a host and port only (nothing that could smuggle a
    // directive into the policy, a ';' say), and no unencrypted server off this computer.
    const parsed = parseServerAddress(serverUrl);
    if (!parsed.ok) return [];
    const url = new URL(parsed.url);
    const secure = url.protocol === 'wss:';
    // Signalling runs over WebSocket; livekit-client also calls the HTTP API to explain a
    // failed connection.
    return [`${secure ? 'wss' : 'ws'}://${url.host}`, `${secure ? 'https' : 'http'}://${url.host}`];
  });
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'connect-src': ["'self'", ...new Set(livekit)],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
