/**
 * What the server learns of a device's network addresses. Every ICE candidate a browser
 * gathers names an address of the device itself: its address in the home or office network,
 * and IPv6 addresses that often stay the same for months. LiveKit's server logs them, so two
 * sessions of the same person would share them. The server does not need them: it learns
 * where a client is from the client's own connectivity checks (a peer-reflexive candidate),
 * which is the address it sees anyway. So only relay candidates (through the organisation's
 * TURN server, where one is configured) are handed to the server; host and server-reflexive
 * ones stay on the device.
 *
 * livekit-client offers no hook between gathering and signalling, so the one place to decide
 * is the peer connection itself: its candidate events, and the candidate lines Chromium puts
 * into an offer or answer made after gathering. Installed once, before any room exists.
 *
 * The same place decides which ICE servers a connection may use: the TURN servers the
 * LiveKit server hands out (its own relay, where the organisation configured one), never a
 * STUN server. STUN only finds the device's public address, which is never sent, and a
 * server's default list names public STUN servers of a third party.
 */
const MARK = Symbol.for('augenhoehe.candidate-filter');

/** Only relay candidates (and the end-of-candidates signal) may leave the device. */
export function mayLeaveDevice(candidate: RTCIceCandidate | null): boolean {
  if (!candidate || !candidate.candidate) return true;
  const type = candidate.type ?? /\btyp (\w+)/.exec(candidate.candidate)?.[1];
  return type === 'relay';
}

/** An SDP without the candidate lines that may not leave the device. */
export function withoutDeviceCandidates(sdp: string): string {
  return sdp
    .split(/\r\n/)
    .filter((line) => !line.startsWith('a=candidate:') || /\btyp relay\b/.test(line))
    .join('\r\n');
}

function scrub(description: RTCSessionDescription | RTCSessionDescriptionInit | null) {
  if (!description?.sdp) return description;
  return { type: description.type, sdp: withoutDeviceCandidates(description.sdp) };
}

/** Only TURN (relay) servers; STUN entries are dropped. */
export function relayServersOnly(servers: RTCIceServer[] | undefined): RTCIceServer[] {
  const kept: RTCIceServer[] = [];
  for (const server of servers ?? []) {
    const urls = (Array.isArray(server.urls) ? server.urls : [server.urls]).filter((url) =>
      /^turns?:/i.test(url),
    );
    if (urls.length > 0) kept.push({ ...server, urls });
  }
  return kept;
}

function privateConfiguration(configuration?: RTCConfiguration): RTCConfiguration {
  return { ...configuration, iceServers: relayServersOnly(configuration?.iceServers) };
}

type CandidateListener = (event: RTCPeerConnectionIceEvent) => void;

export function installCandidateFilter(target: typeof globalThis = globalThis): void {
  const Original = target.RTCPeerConnection;
  if (!Original || (Original as unknown as Record<symbol, boolean>)[MARK]) return;
  const filter =
    (listener: CandidateListener): CandidateListener =>
    (event) => {
      if (mayLeaveDevice(event.candidate)) listener(event);
    };
  const wrapped = new WeakMap<object, CandidateListener>();

  class PrivatePeerConnection extends Original {
    static [MARK] = true;
    #handler: CandidateListener | null = null;

    constructor(configuration?: RTCConfiguration) {
      super(privateConfiguration(configuration));
    }

    override setConfiguration(configuration?: RTCConfiguration): void {
      super.setConfiguration(privateConfiguration(configuration));
    }

    override get onicecandidate(): CandidateListener | null {
      return this.#handler;
    }

    override set onicecandidate(handler: CandidateListener | null) {
      this.#handler = handler;
      super.onicecandidate = handler ? filter(handler.bind(this)) : null;
    }

    override addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ): void {
      if (type !== 'icecandidate' || typeof listener !== 'function') {
        super.addEventListener(type, listener, options);
        return;
      }
      const filtered = filter(listener as CandidateListener);
      wrapped.set(listener, filtered);
      super.addEventListener(type, filtered as EventListener, options);
    }

    override get localDescription(): RTCSessionDescription | null {
      return scrub(super.localDescription) as RTCSessionDescription | null;
    }

    override get currentLocalDescription(): RTCSessionDescription | null {
      return scrub(super.currentLocalDescription) as RTCSessionDescription | null;
    }

    override get pendingLocalDescription(): RTCSessionDescription | null {
      return scrub(super.pendingLocalDescription) as RTCSessionDescription | null;
    }

    override removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ): void {
      const filtered = wrapped.get(listener);
      super.removeEventListener(type, (filtered as EventListener) ?? listener, options);
    }
  }
  // createOffer and createAnswer have legacy callback overloads TypeScript cannot override
  // in a class; the promise form is the only one livekit-client uses.
  type Make = (this: RTCPeerConnection, options?: object) => Promise<RTCSessionDescriptionInit>;
  const createOffer = Original.prototype.createOffer as Make;
  const createAnswer = Original.prototype.createAnswer as Make;
  Object.assign(PrivatePeerConnection.prototype, {
    async createOffer(this: RTCPeerConnection, options?: RTCOfferOptions) {
      return scrub(await createOffer.call(this, options));
    },
    async createAnswer(this: RTCPeerConnection, options?: RTCAnswerOptions) {
      return scrub(await createAnswer.call(this, options));
    },
  });
  target.RTCPeerConnection = PrivatePeerConnection as typeof RTCPeerConnection;
}
