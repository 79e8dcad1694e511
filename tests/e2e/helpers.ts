import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const appUrl = () => required('AUGENHOEHE_E2E_APP_URL');
export const appOrigin = () => required('AUGENHOEHE_E2E_ORIGIN');
export const hostToken = () => required('AUGENHOEHE_E2E_TOKEN');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through playwright.config.ts`);
  return value;
}

declare global {
  interface Window {
    __peerConnections: RTCPeerConnection[];
    __cspViolations: string[];
  }
}

/**
 * Test instrumentation only: keeps every RTCPeerConnection the page makes so the test can
 * read WebRTC statistics, and records CSP violations.
 */
export async function instrumentPage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    window.__peerConnections = [];
    window.__cspViolations = [];
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        window.__peerConnections.push(this);
      }
    } as typeof RTCPeerConnection;
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await instrumentPage(context);
  return context.newPage();
}

export interface InboundMedia {
  /** Video frames decoded from all remote tracks. */
  framesDecoded: number;
  /** Audio energy received from all remote tracks. */
  audioEnergy: number;
}

export async function inboundMedia(page: Page): Promise<InboundMedia> {
  return page.evaluate(async () => {
    let framesDecoded = 0;
    let audioEnergy = 0;
    for (const pc of window.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach(
        (report: {
          type: string;
          kind?: string;
          framesDecoded?: number;
          totalAudioEnergy?: number;
        }) => {
          if (report.type !== 'inbound-rtp') return;
          if (report.kind === 'video') framesDecoded += report.framesDecoded ?? 0;
          if (report.kind === 'audio') audioEnergy += report.totalAudioEnergy ?? 0;
        },
      );
    }
    return { framesDecoded, audioEnergy };
  });
}

/** The host starts a consultation and returns the guest's invite link. */
export async function hostStartsCall(host: Page): Promise<string> {
  await host.goto(appUrl());
  await host.getByRole('button', { name: 'Neues Gespräch starten' }).click();
  const link = await host.getByLabel('Link für Ihr Gegenüber').inputValue();
  expect(link).toContain('#v=1');
  return link;
}

/** Walks through the pre-join screen with camera and microphone agreed. */
export async function joinWithCameraAndMicrophone(page: Page): Promise<void> {
  await page.getByLabel('Meine Kamera einschalten').check();
  await page.getByLabel('Mein Mikrofon einschalten').check();
  await page.getByRole('button', { name: 'Gespräch beitreten' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Ende-zu-Ende-verschlüsselt' }),
  ).toBeVisible();
}

export async function hostEntersCall(host: Page): Promise<void> {
  await host.getByRole('button', { name: 'Gespräch betreten' }).click();
  await joinWithCameraAndMicrophone(host);
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations);
}

/** The room name inside a join link's token (test-side decoding, as an attacker could). */
export function roomOfLink(link: string): { serverUrl: string; roomName: string } {
  const params = new URLSearchParams(new URL(link).hash.slice(1));
  const token = params.get('t') ?? '';
  const claims = JSON.parse(
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as {
    video: { room: string };
  };
  return { serverUrl: params.get('s') ?? '', roomName: claims.video.room };
}

/** A second guest token for the same room, asked for through the host page's own channel. */
export async function anotherInvite(
  host: Page,
  roomName: string,
): Promise<{ serverUrl: string; token: string }> {
  const result = await host.evaluate(async (room) => {
    const response = await fetch('/ipc/call:invite', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('augenhoehe.host-token') ?? ''}`,
      },
      body: JSON.stringify({ roomName: room, validMinutes: 30 }),
    });
    return response.json() as Promise<{ ok: boolean; value: { serverUrl: string; token: string } }>;
  }, roomName);
  expect(result.ok).toBe(true);
  return result.value;
}

export function joinLinkFor(
  pageUrl: string,
  serverUrl: string,
  token: string,
  key: string,
): string {
  return `${pageUrl}#${new URLSearchParams({ v: '1', s: serverUrl, t: token, k: key }).toString()}`;
}

export async function inboundPacketsReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let packets = 0;
    for (const pc of window.__peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach(
        (report: { type: string; kind?: string; packetsReceived?: number }) => {
          if (report.type === 'inbound-rtp' && report.kind === 'video')
            packets += report.packetsReceived ?? 0;
        },
      );
    }
    return packets;
  });
}
