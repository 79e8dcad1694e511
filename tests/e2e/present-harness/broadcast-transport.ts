/**
 * Test only: a PresentationTransport between browser tabs of one profile, over a
 * BroadcastChannel. It stands in for the call core's sealed message layer so the
 * presentation's screens can be driven in a real Chromium; it seals nothing. Everything a
 * tab sends is recorded in `window.__presentSent`, so a test can tell that nothing left.
 */
import type {
  PageHeader,
  PresentationMessage,
  PresentationTransport,
} from '../../../src-renderer/features/present/transport';

type Wire =
  | { kind: 'joined' | 'left'; from: string }
  | { kind: 'message'; from: string; to?: string[]; message: PresentationMessage }
  | { kind: 'page'; from: string; to?: string[]; header: PageHeader; image: Uint8Array };

export interface SentRecord {
  kind: 'message' | 'page';
  type?: string;
  page?: number;
  to?: string[];
  bytes?: number;
}

declare global {
  interface Window {
    __presentSent: SentRecord[];
  }
}

export function broadcastTransport(me: string): PresentationTransport {
  const channel = new BroadcastChannel('augenhoehe-present-harness');
  window.__presentSent = [];
  const listeners = {
    message: new Set<(message: PresentationMessage, from: string) => void>(),
    page: new Set<(header: PageHeader, image: Uint8Array, from: string) => void>(),
    joined: new Set<(identity: string) => void>(),
    left: new Set<(identity: string) => void>(),
  };
  channel.onmessage = (event: MessageEvent<Wire>) => {
    const wire = event.data;
    if (wire.from === me) return;
    if ('to' in wire && wire.to && !wire.to.includes(me)) return;
    if (wire.kind === 'joined') listeners.joined.forEach((l) => l(wire.from));
    if (wire.kind === 'left') listeners.left.forEach((l) => l(wire.from));
    if (wire.kind === 'message') listeners.message.forEach((l) => l(wire.message, wire.from));
    if (wire.kind === 'page') listeners.page.forEach((l) => l(wire.header, wire.image, wire.from));
  };
  window.addEventListener('pagehide', () => channel.postMessage({ kind: 'left', from: me }));
  const on =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => void set.delete(listener);
    };
  const transport: PresentationTransport = {
    send: async (message, to) => {
      window.__presentSent.push({ kind: 'message', type: message.type, to });
      channel.postMessage({ kind: 'message', from: me, to, message } satisfies Wire);
    },
    sendPage: async (header, image, to) => {
      window.__presentSent.push({ kind: 'page', page: header.page, to, bytes: image.byteLength });
      channel.postMessage({ kind: 'page', from: me, to, header, image } satisfies Wire);
    },
    onMessage: on(listeners.message),
    onPage: on(listeners.page),
    onJoined: on(listeners.joined),
    onLeft: on(listeners.left),
  };
  // Announced once the page listens, like a participant connecting to the room.
  queueMicrotask(() => channel.postMessage({ kind: 'joined', from: me } satisfies Wire));
  return transport;
}
