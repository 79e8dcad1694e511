/**
 * The Content-Security-Policy for every way the renderer is served (Electron's app://
 * scheme, browser mode, the guest page). Scripts, styles and fonts come from the app
 * itself only; the one outside host is the organisation's LiveKit server.
 */
export function contentSecurityPolicy(livekitServerUrls: readonly string[]): string {
  const livekit = livekitServerUrls.flatMap((serverUrl) => {
    const url = new URL(serverUrl);
    // A host is letters, digits, dots, hyphens, an IPv6 bracket or a port: anything else
    // (a ';' say) could smuggle a directive into the policy.
    if (!/^[A-Za-z0-9.\-[\]:]+$/.test(url.host)) return [];
    const secure = url.protocol === 'wss:' || url.protocol === 'https:';
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
