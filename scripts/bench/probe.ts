/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * What the bench sees inside a page: an init script (it runs before any of the page's own
 * scripts and is never part of the app) that timestamps clicks, every video frame shown,
 * peer connections, and the first frame in which a watched element is on screen. Every
 * time is wall-clock milliseconds (`performance.timeOrigin + now`), so times taken in two
 * pages on this machine compare directly.
 */
import type { BrowserContext, Page } from '@playwright/test';

/** An element to time: the first animation frame in which it is in the page and usable. */
export interface Watch {
  key: string;
  selector: string;
  /** A substring of its text content. */
  text: string;
}

export interface ProbeOptions {
  /** Timestamp every shown video frame (off for the CPU figures: it costs a little). */
  frames: boolean;
  watches: Watch[];
  /** Count React's commits (through a stand-in DevTools hook React DOM reports to). */
  reactCommits?: boolean;
  /** A person who acts from inside the page, each step in the frame its control is usable. */
  person?: PersonStep[];
}

/**
 * One thing the in-page person does. Controls are found as a person finds them: a button by
 * its text or label, a field or checkbox by its label's text.
 */
export type PersonStep = { click: string } | { fill: string; value: string } | { check: string };

export interface ShownFrame {
  t: number;
  /** Which <video> element (numbered as they appear). */
  video: number;
  /** Frames this element has shown so far. */
  presented: number;
  /** The person's own preview (the local tile or the device check). */
  local: boolean;
  width: number;
  height: number;
}

export interface ProbeState {
  /** When this document's navigation started (wall clock). */
  origin: number;
  clicks: { t: number; name: string }[];
  frames: ShownFrame[];
  marks: Record<string, number>;
  peerConnections: {
    created: number;
    /** The first answer set: the server's side of the first offer is known. */
    answered?: number;
    /** ICE began its connectivity checks / found a working pair. */
    iceChecking?: number;
    iceConnected?: number;
    /** ICE and DTLS both up. */
    connected?: number;
    /** The first packet of a remote video track arrived (the track's `unmute`). */
    firstVideoPacket?: number;
  }[];
  /** Each time the page switched its camera's layers on or off (`setParameters`). */
  layerChanges: { t: number; active: string[] }[];
  /** Each signal connection: made, open, its first message (the server's join answer). */
  sockets: { created: number; opened?: number; firstMessage?: number }[];
  /** When this page sent / received a data-channel message (the app's sealed messages). */
  dataSent: number[];
  dataReceived: number[];
  reactCommits: number;
  /** The page's main-thread tasks of 50 ms and more (Long Tasks API): when each began, how long. */
  longTasks: { t: number; duration: number }[];
}

declare global {
  interface Window {
    __bench: ProbeState;
    __benchPeerConnections: RTCPeerConnection[];
  }
}

/** Runs in the page, before the app; self-contained (Playwright serialises it). */
function probe(options: ProbeOptions): void {
  const now = () => performance.timeOrigin + performance.now();
  const state: ProbeState = {
    origin: performance.timeOrigin,
    clicks: [],
    frames: [],
    marks: {},
    peerConnections: [],
    layerChanges: [],
    sockets: [],
    dataSent: [],
    dataReceived: [],
    reactCommits: 0,
    longTasks: [],
  };
  window.__bench = state;
  // Long tasks are what a person feels as a frozen page (a click or a key press that waits).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      state.longTasks.push({
        t: performance.timeOrigin + entry.startTime,
        duration: entry.duration,
      });
  }).observe({ type: 'longtask', buffered: true });
  if (options.reactCommits)
    Object.assign(window, {
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        supportsFiber: true,
        renderers: new Map(),
        inject: () => 1,
        onCommitFiberRoot: () => void (state.reactCommits += 1),
        onCommitFiberUnmount: () => {},
        onPostCommitFiberRoot: () => {},
        checkDCE: () => {},
      },
    });
  window.__benchPeerConnections = [];

  addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target.closest('button') : null;
      const name = target?.getAttribute('aria-label') ?? target?.textContent ?? '';
      if (target) state.clicks.push({ t: now(), name: name.trim() });
    },
    true,
  );

  // LiveKit's dynacast pauses and resumes a camera's layers with setParameters.
  const setParameters = RTCRtpSender.prototype.setParameters;
  RTCRtpSender.prototype.setParameters = function (
    this: RTCRtpSender,
    parameters: RTCRtpSendParameters,
    ...rest: unknown[]
  ) {
    if (parameters.encodings.length > 1)
      state.layerChanges.push({
        t: now(),
        active: parameters.encodings.filter((e) => e.active).map((e) => e.rid ?? '?'),
      });
    return (setParameters as (...args: unknown[]) => Promise<void>).call(this, parameters, ...rest);
  } as typeof RTCRtpSender.prototype.setParameters;

  // Data-channel traffic, as times only (a bench call sends little; capped all the same).
  const stamp = (list: number[]) => list.length < 10_000 && list.push(now());
  const heard = (channel: RTCDataChannel) =>
    channel.addEventListener('message', () => stamp(state.dataReceived));
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (this: RTCDataChannel, ...args: unknown[]) {
    stamp(state.dataSent);
    return (send as (...args: unknown[]) => void).apply(this, args);
  } as typeof RTCDataChannel.prototype.send;
  const createDataChannel = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (
    this: RTCPeerConnection,
    ...args: Parameters<RTCPeerConnection['createDataChannel']>
  ) {
    const channel = createDataChannel.apply(this, args);
    heard(channel);
    return channel;
  };

  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      const entry: ProbeState['peerConnections'][number] = { created: now() };
      state.peerConnections.push(entry);
      window.__benchPeerConnections.push(this);
      this.addEventListener('track', ({ track }) => {
        if (track.kind !== 'video') return;
        const arrived = () => (entry.firstVideoPacket ??= now());
        // A track made by an offer before anything was sent to it starts muted.
        if (track.muted) track.addEventListener('unmute', arrived, { once: true });
        else arrived();
      });
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected' && entry.connected === undefined)
          entry.connected = now();
      });
      this.addEventListener('signalingstatechange', () => {
        if (this.signalingState === 'stable' && this.currentRemoteDescription)
          entry.answered ??= now();
      });
      this.addEventListener('datachannel', ({ channel }) => heard(channel));
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'checking') entry.iceChecking ??= now();
        if (this.iceConnectionState === 'connected') entry.iceConnected ??= now();
      });
    }
  } as typeof RTCPeerConnection;

  const OriginalSocket = window.WebSocket;
  window.WebSocket = class extends OriginalSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const entry: ProbeState['sockets'][number] = { created: now() };
      state.sockets.push(entry);
      this.addEventListener('open', () => (entry.opened = now()), { once: true });
      this.addEventListener('message', () => (entry.firstMessage = now()), { once: true });
    }
  } as typeof WebSocket;

  let videos = 0;
  const followed = new WeakSet<HTMLVideoElement>();
  const follow = (video: HTMLVideoElement) => {
    if (followed.has(video)) return;
    followed.add(video);
    const id = (videos += 1);
    const onFrame = (at: number, meta: VideoFrameCallbackMetadata) => {
      state.frames.push({
        t: performance.timeOrigin + at,
        video: id,
        presented: meta.presentedFrames,
        local: video.closest('.tile-local, form') !== null,
        width: meta.width,
        height: meta.height,
      });
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };

  const pending = new Set(options.watches);
  let frameAsked = false;
  const usable = (element: Element) =>
    !(element instanceof HTMLButtonElement && element.disabled) &&
    !(element instanceof HTMLInputElement && element.disabled) &&
    element.getClientRects().length > 0;

  // The in-page person: no round trip to the test runner between seeing a control and
  // using it, so the time measured is the app's, not the runner's.
  const steps = [...(options.person ?? [])];
  const buttonNamed = (name: string) =>
    [...document.querySelectorAll('button')].find(
      (button) =>
        (button.getAttribute('aria-label') ?? button.textContent ?? '').trim() === name &&
        usable(button),
    );
  const fieldLabelled = (text: string) => {
    const label = [...document.querySelectorAll('label')].find((candidate) =>
      (candidate.textContent ?? '').trim().startsWith(text),
    );
    const field = label?.control;
    return field instanceof HTMLInputElement && usable(field) ? field : undefined;
  };
  const act = (): boolean => {
    const step = steps[0];
    if (!step) return false;
    if ('click' in step) {
      const button = buttonNamed(step.click);
      if (!button) return false;
      button.click();
    } else if ('fill' in step) {
      const field = fieldLabelled(step.fill);
      if (!field) return false;
      // React follows the value through its own setter; set it as typing would.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(
        field,
        step.value,
      );
      field.dispatchEvent(new Event('input', { bubbles: true }));
    } else {
      const box = fieldLabelled(step.check);
      if (!box) return false;
      if (!box.checked) box.click();
    }
    steps.shift();
    return true;
  };

  const check = () => {
    frameAsked = false;
    // One step a frame, as a quick person would: the next frame looks for the next control.
    if (act()) {
      frameAsked = true;
      requestAnimationFrame(check);
    }
    for (const watch of pending) {
      const found = [...document.querySelectorAll(watch.selector)].some(
        (element) => (element.textContent ?? '').includes(watch.text) && usable(element),
      );
      if (found) {
        state.marks[watch.key] = now();
        pending.delete(watch);
      }
    }
  };
  new MutationObserver(() => {
    if (options.frames) document.querySelectorAll('video').forEach(follow);
    // Checked in the next animation frame: the frame that shows the change.
    if ((pending.size > 0 || steps.length > 0) && !frameAsked) {
      frameAsked = true;
      requestAnimationFrame(check);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

export async function installProbe(context: BrowserContext, options: ProbeOptions): Promise<void> {
  // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(…)`;
  // the page has no such helper, so it gets a do-nothing one.
  await context.addInitScript({
    content: `var __name = (target) => target;\n(${probe.toString()})(${JSON.stringify(options)});`,
  });
}

/** The probe's state; clicks and frames only from `since` on (they pile up in a long call). */
export async function probeState(page: Page, since = 0): Promise<ProbeState> {
  return page.evaluate(
    (after) => ({
      ...window.__bench,
      clicks: window.__bench.clicks.filter((click) => click.t > after),
      frames: window.__bench.frames.filter((frame) => frame.t > after),
    }),
    since,
  );
}

/** Waits (polling, off the measured path) until `ready` holds for the page's probe state. */
export async function waitForProbe<T>(
  page: Page,
  ready: (state: ProbeState) => T | undefined,
  options: { timeoutMs: number; what: string; since?: number },
): Promise<T> {
  const { timeoutMs, what, since } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = ready(await probeState(page, since));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}

/** The longest of the page's long tasks that began before `until` (duration 0 if none did). */
export function longestTask(state: ProbeState, until: number): { t: number; duration: number } {
  return state.longTasks
    .filter((task) => task.t < until)
    .reduce((most, task) => (task.duration > most.duration ? task : most), {
      t: state.origin,
      duration: 0,
    });
}

/** The last click on a button whose text contains `name`. */
export function clickOn(state: ProbeState, name: string): number | undefined {
  return state.clicks.filter((click) => click.name.includes(name)).at(-1)?.t;
}

/** Frames of other people's video shown after `since`. */
export function remoteFramesAfter(state: ProbeState, since: number): ShownFrame[] {
  return state.frames.filter((frame) => !frame.local && frame.t > since);
}

/**
 * The time the `nth` remote frame after `since` was shown, counted per video element
 * (the fifth frame of one stream, not five frames summed over two).
 */
export function nthRemoteFrame(state: ProbeState, since: number, nth: number): number | undefined {
  const firstSeen = new Map<number, number>();
  for (const frame of remoteFramesAfter(state, since)) {
    const first = firstSeen.get(frame.video) ?? frame.presented;
    firstSeen.set(frame.video, first);
    if (frame.presented - first + 1 >= nth) return frame.t;
  }
  return undefined;
}

export interface InboundVideo {
  /**
   * Per inbound video stream: frames decoded, size (pixels and `W×H`), freezes, and what the
   * receiver lost on the way: key frames it asked for (PLI), frames dropped before decoding.
   */
  streams: {
    id: string;
    framesDecoded: number;
    keyFramesDecoded: number;
    pixels: number;
    size: string;
    freezeCount: number;
    keyFrameRequests: number;
    framesDropped: number;
    packetsLost: number;
  }[];
  /** Per outbound video layer: frames encoded, size, and what limits its quality. */
  layers: { id: string; framesEncoded: number; size: string; limitedBy: string }[];
  /** Per camera or screen the page sends: the frames its source gave the encoder so far. */
  sources: { id: string; frames: number }[];
}

/** Receiver (and sender) video statistics of every open peer connection of the page. */
export async function inboundVideo(page: Page): Promise<InboundVideo> {
  return page.evaluate(async () => {
    const streams: InboundVideo['streams'] = [];
    const layers: InboundVideo['layers'] = [];
    const sources: InboundVideo['sources'] = [];
    for (const pc of window.__benchPeerConnections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach(
        (report: {
          type: string;
          id: string;
          kind?: string;
          framesDecoded?: number;
          keyFramesDecoded?: number;
          pliCount?: number;
          firCount?: number;
          framesDropped?: number;
          packetsLost?: number;
          frameWidth?: number;
          frameHeight?: number;
          freezeCount?: number;
          framesEncoded?: number;
          qualityLimitationReason?: string;
          frames?: number;
        }) => {
          if (report.type === 'media-source' && report.kind === 'video')
            sources.push({ id: report.id, frames: report.frames ?? 0 });
          if (report.type === 'outbound-rtp' && report.kind === 'video') {
            layers.push({
              id: report.id,
              framesEncoded: report.framesEncoded ?? 0,
              size: `${report.frameWidth ?? 0}×${report.frameHeight ?? 0}`,
              limitedBy: report.qualityLimitationReason ?? '',
            });
          }
          if (report.type !== 'inbound-rtp' || report.kind !== 'video') return;
          streams.push({
            id: report.id,
            framesDecoded: report.framesDecoded ?? 0,
            keyFramesDecoded: report.keyFramesDecoded ?? 0,
            pixels: (report.frameWidth ?? 0) * (report.frameHeight ?? 0),
            size: `${report.frameWidth ?? 0}×${report.frameHeight ?? 0}`,
            freezeCount: report.freezeCount ?? 0,
            keyFrameRequests: (report.pliCount ?? 0) + (report.firCount ?? 0),
            framesDropped: report.framesDropped ?? 0,
            packetsLost: report.packetsLost ?? 0,
          });
        },
      );
    }
    return { streams, layers, sources };
  });
}
