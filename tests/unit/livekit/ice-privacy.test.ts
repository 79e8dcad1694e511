import { describe, expect, it } from 'vitest';
import {
  installCandidateFilter,
  mayLeaveDevice,
  relayServersOnly,
  withoutDeviceCandidates,
} from '../../../src-renderer/livekit/ice-privacy';

const line = (type: string, address = '192.168.1.23') =>
  `candidate:1 1 udp 2122260223 ${address} 54321 typ ${type} generation 0`;
const candidate = (type: string) => ({ candidate: line(type), type }) as RTCIceCandidate;

describe('which ICE candidates leave the device', () => {
  it('only relay candidates, and the end-of-candidates signal', () => {
    expect(mayLeaveDevice(candidate('relay'))).toBe(true);
    expect(mayLeaveDevice(null)).toBe(true);
    for (const type of ['host', 'srflx', 'prflx'])
      expect(mayLeaveDevice(candidate(type))).toBe(false);
    // Without a parsed type, the line itself decides.
    expect(mayLeaveDevice({ candidate: line('host') } as RTCIceCandidate)).toBe(false);
  });

  it('strips the device’s addresses from an offer made after gathering', () => {
    const sdp = [
      'v=0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      `a=${line('host')}`,
      `a=${line('host', 'fd00::2')}`,
      `a=${line('srflx', '203.0.113.7')}`,
      `a=${line('relay', '198.51.100.9')}`,
      'a=end-of-candidates',
    ].join('\r\n');
    const stripped = withoutDeviceCandidates(sdp);
    expect(stripped).not.toMatch(/192\.168|fd00|203\.0\.113/);
    expect(stripped).toContain('198.51.100.9');
    expect(stripped).toContain('a=end-of-candidates');
  });
});

describe('which ICE servers a connection may use', () => {
  it('the relay the LiveKit server hands out, never a STUN server', () => {
    expect(
      relayServersOnly([
        { urls: ['stun:stun.l.google.com:19302', 'stun:stun1.l.google.com:19302'] },
        {
          urls: ['turn:lk.example.org:3478?transport=udp', 'stun:lk.example.org:3478'],
          username: 'u',
          credential: 'c',
        },
        { urls: 'turns:lk.example.org:5349' },
      ]),
    ).toStrictEqual([
      { urls: ['turn:lk.example.org:3478?transport=udp'], username: 'u', credential: 'c' },
      { urls: ['turns:lk.example.org:5349'] },
    ]);
    expect(relayServersOnly(undefined)).toStrictEqual([]);
  });
});

describe('the filter on the peer connection', () => {
  type Handler = (event: { candidate: RTCIceCandidate | null }) => void;
  // Like the browser's: `onicecandidate` is an accessor on the prototype.
  class FakePeerConnection extends EventTarget {
    #handler: Handler | null = null;
    configuration: RTCConfiguration;
    constructor(configuration?: RTCConfiguration) {
      super();
      this.configuration = configuration ?? {};
    }
    setConfiguration(configuration: RTCConfiguration) {
      this.configuration = configuration;
    }
    get onicecandidate(): Handler | null {
      return this.#handler;
    }
    set onicecandidate(handler: Handler | null) {
      this.#handler = handler;
    }
    fire(c: RTCIceCandidate | null) {
      const event = Object.assign(new Event('icecandidate'), { candidate: c });
      this.#handler?.(event);
      this.dispatchEvent(event);
    }
    async createOffer() {
      return { type: 'offer', sdp: `v=0\r\na=${line('host')}\r\na=${line('relay')}` };
    }
    async createAnswer() {
      return { type: 'answer', sdp: `v=0\r\na=${line('host')}` };
    }
    get localDescription() {
      return { type: 'offer', sdp: `v=0\r\na=${line('host')}` };
    }
  }

  it('hands livekit only what may leave the device, through either kind of listener', async () => {
    const global = { RTCPeerConnection: FakePeerConnection } as unknown as typeof globalThis;
    installCandidateFilter(global);
    installCandidateFilter(global); // once is enough; twice changes nothing
    const pc = new global.RTCPeerConnection({
      iceServers: [{ urls: 'stun:stun.l.google.com:19302' }],
    }) as unknown as FakePeerConnection;
    expect(pc.configuration.iceServers).toStrictEqual([]);
    pc.setConfiguration({ iceServers: [{ urls: ['stun:x', 'turn:lk.example.org'] }] });
    expect(pc.configuration.iceServers).toStrictEqual([{ urls: ['turn:lk.example.org'] }]);
    const seen: (string | null)[] = [];
    pc.onicecandidate = (event) => seen.push(event.candidate?.type ?? null);
    pc.addEventListener('icecandidate', (event) =>
      seen.push((event as RTCPeerConnectionIceEvent).candidate?.type ?? null),
    );
    pc.fire(candidate('host'));
    pc.fire(candidate('srflx'));
    pc.fire(candidate('relay'));
    pc.fire(null);
    expect(seen).toStrictEqual(['relay', 'relay', null, null]);
    expect((await pc.createOffer()).sdp).not.toContain('typ host');
    expect((await pc.createOffer()).sdp).toContain('typ relay');
    expect((await pc.createAnswer()).sdp).not.toContain('typ host');
    expect(pc.localDescription.sdp).not.toContain('typ host');
  });
});
