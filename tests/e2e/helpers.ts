import { readFileSync } from 'node:fs';
import {
  test as base,
  expect,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { AccessToken } from 'livekit-server-sdk';
import { nearColour, type Colour } from '../../scripts/test-pdfs';

export { expect };

export const appUrl = () => required('AUGENHOEHE_E2E_APP_URL');
export const appOrigin = () => required('AUGENHOEHE_E2E_ORIGIN');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through playwright.config.ts`);
  return value;
}

declare global {
  interface Window {
    __peerConnections: RTCPeerConnection[];
    __cspViolations: string[];
    __webSockets: string[];
    __remoteTracks: { track: string; streams: string[] }[];
    __audioContexts: AudioContext[];
    __kept: { video: HTMLVideoElement; stops: number };
  }
}

/**
 * Test instrumentation only: keeps every RTCPeerConnection, AudioContext and WebSocket
 * address the page opens, so the test can read WebRTC statistics, see which rooms a page
 * joined and which audio outputs run, and records CSP violations.
 */
export async function instrumentPage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__peerConnections = [];
    window.__cspViolations = [];
    window.__webSockets = [];
    window.__remoteTracks = [];
    window.__audioContexts = [];
    const OriginalAudioContext = window.AudioContext;
    window.AudioContext = class extends OriginalAudioContext {
      constructor(options?: AudioContextOptions) {
        super(options);
        window.__audioContexts.push(this);
      }
    } as typeof AudioContext;
    const OriginalPeerConnection = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends OriginalPeerConnection {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        window.__peerConnections.push(this);
        // LiveKit names each remote stream `<participant sid>|<track sid>`.
        this.addEventListener('track', (event) =>
          window.__remoteTracks.push({
            track: event.track.id,
            streams: event.streams.map((stream) => stream.id),
          }),
        );
      }
    } as typeof RTCPeerConnection;
    const OriginalWebSocket = window.WebSocket;
    window.WebSocket = class extends OriginalWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        window.__webSockets.push(String(url));
      }
    } as typeof WebSocket;
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

/**
 * The page's browser lists no H.264, for sending (as Chromium on a phone without a hardware
 * encoder) or for showing (as Firefox with its OpenH264 plugin turned off).
 */
export async function withoutH264(page: Page, side: 'send' | 'receive'): Promise<void> {
  await page.addInitScript((sending) => {
    const api: { getCapabilities(kind: string): RTCRtpCapabilities | null } = sending
      ? RTCRtpSender
      : RTCRtpReceiver;
    const original = api.getCapabilities.bind(api);
    api.getCapabilities = (kind) => {
      const capabilities = original(kind);
      if (!capabilities || kind !== 'video') return capabilities;
      const codecs = capabilities.codecs.filter(
        (codec) => codec.mimeType.toLowerCase() !== 'video/h264',
      );
      return { ...capabilities, codecs };
    };
  }, side === 'send');
}

type Viewport = { width: number; height: number };

/** Opens a page for one person in a test, in a browser profile of their own. */
export type Opener = (viewport?: Viewport) => Promise<Page>;

/**
 * `open()` gives each person in a test a browser profile of their own; all of them are
 * closed when the test ends, so no call keeps running into the next test.
 *
 * When a test fails, what each page showed (its headings, statuses and alerts) and the
 * errors it logged are attached as text: CI prints them with the failure, where screenshots and
 * error-context files stay on the CI machine.
 */
export const test = base.extend<{ open: Opener }>({
  open: async ({ browser }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    const pages: { page: Page; errors: string[] }[] = [];
    await use(async (viewport) => {
      const context = await browser.newContext(viewport ? { viewport } : {});
      contexts.push(context);
      await instrumentPage(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning')
          errors.push(`${message.type()}: ${message.text()}`.slice(0, 300));
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`.slice(0, 300)));
      pages.push({ page, errors });
      return page;
    });
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [index, { page, errors }] of pages.entries()) {
        // Headings, statuses and alerts say where a page stood; the reporter prints 300
        // characters of each attachment, so they go in pieces of that size.
        const shown = await page
          .locator('h1, h2, [role=status], [role=alert], [role=dialog] p')
          .allInnerTexts()
          .catch((error: Error) => [`(not readable: ${error.message})`]);
        const body = [
          ...shown.map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean),
          ...errors.slice(-10),
        ].join('\n');
        for (let at = 0, part = 1; at < body.length && part <= 6; at += 290, part += 1) {
          await testInfo.attach(`page ${index + 1} at the end (${part})`, {
            body: body.slice(at, at + 290),
            contentType: 'text/plain',
          });
        }
      }
    }
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export interface InboundMedia {
  /** Video frames decoded from all remote tracks. */
  framesDecoded: number;
  /** Audio energy received from all remote tracks. */
  audioEnergy: number;
  /** Video packets that arrived, decodable or not. */
  videoPackets: number;
}

export async function inboundMedia(page: Page): Promise<InboundMedia> {
  return page.evaluate(async () => {
    const totals = { framesDecoded: 0, audioEnergy: 0, videoPackets: 0 };
    for (const pc of window.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach(
        (report: {
          type: string;
          kind?: string;
          framesDecoded?: number;
          totalAudioEnergy?: number;
          packetsReceived?: number;
        }) => {
          if (report.type !== 'inbound-rtp') return;
          if (report.kind === 'video') {
            totals.framesDecoded += report.framesDecoded ?? 0;
            totals.videoPackets += report.packetsReceived ?? 0;
          }
          if (report.kind === 'audio') totals.audioEnergy += report.totalAudioEnergy ?? 0;
        },
      );
    }
    return totals;
  });
}

/** Frames decoded from one participant's video, read off its <video> element. */
export async function framesShown(page: Page, label: string): Promise<number> {
  return page
    .getByLabel(label)
    .evaluate((video: HTMLVideoElement) => video.getVideoPlaybackQuality().totalVideoFrames);
}

/**
 * Every video on the page that is clipped to a rounded shape: its own `border-radius`, or an
 * ancestor that clips (`overflow` other than visible, `clip-path`) with one. Chromium then masks
 * every frame; without a GPU that cost a call most of a core (call-screen.css says more).
 */
export async function roundedVideoClips(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rounded = (style: CSSStyleDeclaration) =>
      ['top-left', 'top-right', 'bottom-left', 'bottom-right'].some(
        (corner) => parseFloat(style.getPropertyValue(`border-${corner}-radius`)) > 0,
      );
    const found: string[] = [];
    for (const video of document.querySelectorAll('video')) {
      const label = video.getAttribute('aria-label') ?? 'video';
      if (rounded(getComputedStyle(video))) found.push(`${label}: its own corners`);
      for (let element = video.parentElement; element; element = element.parentElement) {
        const style = getComputedStyle(element);
        const clips = style.overflow !== 'visible' || style.clipPath !== 'none';
        if (clips && rounded(style)) found.push(`${label}: clipped by .${element.className}`);
      }
    }
    return found;
  });
}

/** The rooms a page opened a signalling connection to (read from the tokens it used). */
/** What the token of each LiveKit connection the page opened grants, in order. */
export async function grantsJoined(page: Page): Promise<Grants[]> {
  const urls = await page.evaluate(() => window.__webSockets);
  return urls.map((url) => {
    const token = new URL(url).searchParams.get('access_token') ?? '';
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { sub?: string; video?: Omit<Grants, 'identity'> };
    return { identity: claims.sub ?? '', ...claims.video };
  });
}

export interface Grants {
  identity: string;
  room?: string;
  hidden?: boolean;
  canPublish?: boolean;
  canSubscribe?: boolean;
  canPublishData?: boolean;
}

export async function roomsJoined(page: Page): Promise<string[]> {
  return (await grantsJoined(page)).map((grants) => grants.room ?? '');
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations);
}

/** Calls the host's own IPC channel from the host page, as the app itself does. */
export async function hostApi<T>(host: Page, channel: string, body: object): Promise<T> {
  const result = await host.evaluate(
    async ({ channel, body }) => {
      const response = await fetch(`/ipc/${channel}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${sessionStorage.getItem('augenhoehe.host-token') ?? ''}`,
        },
        body: JSON.stringify(body),
      });
      return response.json() as Promise<{ ok: boolean; value: unknown }>;
    },
    { channel, body },
  );
  expect(result.ok).toBe(true);
  return result.value as T;
}

export interface Consultation {
  id: string;
  label: string;
  callRoom: string;
  waitingRoom: string;
  callKey: string;
  keyIndex: number;
  hostPublicKey: string;
  invites: { webUrl: string }[];
}

/**
 * The consultations in the host's list with exactly this label ("Teamrunde" is not
 * "Teamrunde Nord"), newest first.
 */
export function consultationItems(host: Page, label: string): Locator {
  return host
    .getByRole('listitem')
    .filter({ has: host.getByRole('heading', { name: label, exact: true }) });
}

/** The host creates a consultation with `invites` links and reads the links off the screen. */
export async function hostCreatesConsultation(
  host: Page,
  label: string,
  invites = 1,
  url = appUrl(),
): Promise<string[]> {
  await host.goto(url);
  await host.getByLabel('Bezeichnung (nur auf diesem Rechner)').fill(label);
  await host.getByLabel('Anzahl der Einladungen').fill(String(invites));
  const items = consultationItems(host, label);
  // Wait for the new one: an older consultation with this label (an earlier test's) is in
  // the list before the new one is, and its links would be read instead. Counted once the
  // list is there: counted before, it once read 0 and then found the old one and the new.
  await expect(host.getByRole('region', { name: 'Beratungen auf diesem Rechner' })).toHaveAttribute(
    'aria-busy',
    'false',
  );
  const before = await items.count();
  await host.getByRole('button', { name: 'Beratung anlegen' }).click();
  await expect(items).toHaveCount(before + 1);
  const item = items.first(); // newest first: with a label used twice, the one just made
  const links: string[] = [];
  for (let n = 1; n <= invites; n += 1)
    links.push(await item.getByLabel(`Link für Einladung ${n}`, { exact: true }).inputValue());
  return links;
}

/** The host begins the consultation with camera and microphone on. */
export async function hostBegins(host: Page, label: string, name = 'Frau Berger'): Promise<void> {
  const item = consultationItems(host, label).first(); // newest first: the one just made
  await item.getByRole('button', { name: 'Beratung beginnen' }).click();
  await host.getByLabel('Ihr Name im Gespräch').fill(name);
  await agreeToCameraAndMicrophone(host);
  await host.getByRole('button', { name: 'Gespräch beitreten' }).click();
  await expectEncrypted(host);
}

export async function agreeToCameraAndMicrophone(page: Page): Promise<void> {
  await page.getByLabel('Meine Kamera einschalten').check();
  await page.getByLabel('Mein Mikrofon einschalten').check();
}

export async function expectEncrypted(page: Page, timeoutMs?: number): Promise<void> {
  await expect(
    page.getByRole('status').filter({ hasText: 'Ende-zu-Ende-verschlüsselt' }),
  ).toBeVisible({ timeout: timeoutMs });
}

/** A guest opens the link and walks to the waiting room. */
export async function guestKnocks(guest: Page, link: string, name: string): Promise<void> {
  await guestStepsIn(guest, link, name);
  await expect(guest.getByRole('heading', { name: 'Warteraum' })).toBeVisible();
}

/**
 * A guest opens the link and says "In den Warteraum", and nothing more is expected: a
 * refusal (a withdrawn link) can answer her knock before the waiting room is ever seen, as
 * the waiting room is joined while she still checks her devices.
 */
export async function guestStepsIn(guest: Page, link: string, name: string): Promise<void> {
  await guest.goto(link);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByLabel('Ihr Name').fill(name);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await agreeToCameraAndMicrophone(guest);
  await guest.getByRole('button', { name: 'In den Warteraum' }).click();
}

export async function hostAdmits(host: Page, name: string): Promise<void> {
  await hostTab(host, 'Warteraum');
  await host.getByRole('button', { name: `${name} hereinlassen` }).click();
}

/** The host opens a tab of the side panel: Warteraum, Im Gespräch, Chat, Ergebnisse, Zustimmungen. */
export async function hostTab(host: Page, name: string): Promise<void> {
  const tab = host.getByRole('tab', { name: new RegExp(`^${name}`) });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Opens the chat where it is closed (a guest's phone, or the host's other tab). */
export async function showChat(page: Page): Promise<void> {
  const field = page.getByLabel('Ihre Nachricht');
  if (!(await field.isVisible())) await page.getByRole('button', { name: /^Chat/ }).click();
  await expect(field).toBeVisible();
}

/** A guest opens the consents sheet ("Mehr", then "Zustimmungen ansehen"). */
export async function guestConsents(guest: Page): Promise<void> {
  await guest.getByRole('button', { name: 'Mehr', exact: true }).click();
  await guest.getByRole('button', { name: 'Zustimmungen ansehen' }).click();
  await expect(guest.getByRole('region', { name: 'Zustimmungen' }).first()).toBeVisible();
}

/** The LiveKit test server, as the operator sees it (server API with the real credentials). */
export function serverApi(): { url: string; apiKey: string; apiSecret: string; httpUrl: string } {
  const file = required('AUGENHOEHE_E2E_LIVEKIT_CREDENTIALS');
  const { apiKey, apiSecret } = JSON.parse(readFileSync(file, 'utf8')) as {
    apiKey: string;
    apiSecret: string;
  };
  const url = required('AUGENHOEHE_E2E_LIVEKIT_URL');
  return { url, apiKey, apiSecret, httpUrl: url.replace(/^ws/, 'http') };
}

/** A guest in the call with camera and microphone left off. */
export async function guestJoinsWithoutMedia(
  guest: Page,
  host: Page,
  link: string,
  name: string,
): Promise<void> {
  await guest.goto(link);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByLabel('Ihr Name').fill(name);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByRole('button', { name: 'In den Warteraum' }).click();
  await host.getByRole('button', { name: `${name} hereinlassen` }).click();
  await expectEncrypted(guest);
}

/**
 * Video frames a page decoded from one participant's tracks (by the participant's server
 * sid), and whether it received any track of theirs at all.
 */
export async function mediaFrom(
  page: Page,
  participantSid: string,
): Promise<{ tracks: number; framesDecoded: number }> {
  return page.evaluate(async (sid) => {
    const theirs = new Set(
      window.__remoteTracks
        .filter((entry) => entry.streams.some((stream) => stream.startsWith(`${sid}|`)))
        .map((entry) => entry.track),
    );
    let framesDecoded = 0;
    for (const pc of window.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach(
        (report: { type: string; trackIdentifier?: string; framesDecoded?: number }) => {
          if (report.type === 'inbound-rtp' && theirs.has(report.trackIdentifier ?? '')) {
            framesDecoded += report.framesDecoded ?? 0;
          }
        },
      );
    }
    return { tracks: theirs.size, framesDecoded };
  }, participantSid);
}

/** The identity a page has in a room, read from the token it connected with. */
export async function identityIn(
  page: Page,
  room: string,
): Promise<{ identity: string; token: string }> {
  const urls = await page.evaluate(() => window.__webSockets);
  for (const url of urls.reverse()) {
    const token = new URL(url).searchParams.get('access_token') ?? '';
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { sub?: string; video?: { room?: string } };
    if (claims.video?.room === room && claims.sub) return { identity: claims.sub, token };
  }
  throw new Error('the page never joined that room');
}

/**
 * Where a call's two sides open their pages: both with `open`, or each from a browser of its
 * own, with the app the host uses (the network lab's, the guest behind its line).
 */
export type CallSides = Opener | { host: Opener; guest: Opener; appUrl: string };

/**
 * The usual start: the host begins a consultation and one guest is let in and sees the host.
 * `prepareGuest` runs on her page before she opens the link (an init script, say); the
 * consultation's links (`invites`, 1) come back for anyone else.
 */
export async function hostAndGuestInCall(
  sides: CallSides,
  label: string,
  guestName: string,
  options: { invites?: number; prepareGuest?: (guest: Page) => Promise<void> } = {},
): Promise<{ host: Page; guest: Page; links: string[] }> {
  const open =
    typeof sides === 'function' ? { host: sides, guest: sides, appUrl: appUrl() } : sides;
  const host = await open.host();
  const links = await hostCreatesConsultation(host, label, options.invites ?? 1, open.appUrl);
  await hostBegins(host, label);
  const guest = await open.guest();
  await options.prepareGuest?.(guest);
  await guestKnocks(guest, links[0] ?? '', guestName);
  await hostAdmits(host, guestName);
  await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
  return { host, guest, links };
}

/**
 * A participant the test steers (tests/e2e/probe): what an acting operator, or someone sent
 * out, can do with a token and (maybe) a key, without the app's own rules.
 */
export async function openProbe(open: Opener): Promise<Page> {
  const page = await open();
  await page.goto(required('AUGENHOEHE_E2E_PROBE_URL'));
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

/** A call token for any identity, minted the way the operator can: with the server's secret. */
export async function operatorToken(room: string, identity: string): Promise<string> {
  const { apiKey, apiSecret } = serverApi();
  const token = new AccessToken(apiKey, apiSecret, { identity, ttl: 600 });
  token.addGrant({
    room,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
  });
  return token.toJwt();
}

/** The host's consultation as main keeps it (with its rooms and current key). */
export async function consultationOf(host: Page, label: string): Promise<Consultation> {
  const { consultations } = await hostApi<{ consultations: Consultation[] }>(
    host,
    'consultation:list',
    {},
  );
  const found = consultations.find((c) => c.label === label);
  if (!found) throw new Error(`no consultation ${label}`);
  return found;
}

/** What the app says it refused ("… Nachrichten abgewiesen …"), as a number. */
export async function rejectedCount(page: Page): Promise<number> {
  const text = (await page.locator('.safety-code [role="status"]').textContent()) ?? '';
  return Number(/(\d+)/.exec(text)?.[1] ?? 0);
}

export async function safetyCode(page: Page): Promise<string> {
  return ((await page.locator('.safety-code .code').textContent()) ?? '').trim();
}

/**
 * The colour of a shown page's picture at a point (fractions of its width and height). It
 * is copied out through a canvas of the test's own: the picture's canvas is a bitmap
 * renderer, which has no 2D context to read from.
 */
async function pageColourAt(page: Page, name: string, x: number, y: number): Promise<Colour> {
  return page.getByRole('img', { name }).evaluate(
    (canvas: HTMLCanvasElement, [fx = 0, fy = 0]) => {
      const probe = document.createElement('canvas');
      probe.width = probe.height = 1;
      const context = probe.getContext('2d', { willReadFrequently: true });
      const [sx, sy] = [Math.floor(canvas.width * fx), Math.floor(canvas.height * fy)];
      context?.drawImage(canvas, sx, sy, 1, 1, 0, 0, 1, 1);
      const data = context?.getImageData(0, 0, 1, 1).data;
      return { r: data?.[0] ?? 0, g: data?.[1] ?? 0, b: data?.[2] ?? 0 };
    },
    [x, y],
  );
}

/**
 * The picture named `name` really shows the test PDF's page n: its colour band on top
 * (`colour`, from the test PDFs' page colours), white below.
 */
export async function expectPageShows(page: Page, name: string, colour: Colour): Promise<void> {
  await expect
    .poll(async () => nearColour(await pageColourAt(page, name, 0.5, 0.15), colour))
    .toBe(true);
  const below = await pageColourAt(page, name, 0.5, 0.92);
  expect(nearColour(below, { r: 255, g: 255, b: 255 })).toBe(true);
}

/**
 * Keeps hold of a picture, and counts every time it stops (paused, emptied), so a test can
 * tell whether a change of layout moved the running picture or put a new one in its place
 * (a new picture starts from black).
 */
export async function keepPicture(page: Page, label: string): Promise<void> {
  await page.getByLabel(label).evaluate((video: HTMLVideoElement) => {
    window.__kept = { video, stops: 0 };
    for (const event of ['pause', 'emptied', 'abort'])
      video.addEventListener(event, () => (window.__kept.stops += 1));
  });
}

/** The picture labelled so is the one kept, it never stopped, and new frames still come. */
export async function stillTheKeptPicture(page: Page, label: string): Promise<string> {
  return page.getByLabel(label).evaluate(async (video: HTMLVideoElement) => {
    const kept = window.__kept;
    if (video !== kept.video) return 'a new picture';
    if (kept.stops > 0 || video.paused) return 'stopped';
    const frame = await Promise.race([
      new Promise<boolean>((resolve) => video.requestVideoFrameCallback(() => resolve(true))),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
    ]);
    return frame ? 'running' : 'no new frame';
  });
}
