/// <reference lib="dom" />
/**
 * The usual ways through the app, as the figure groups walk them: by the labels a person
 * reads, as fast as Playwright can click.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { installProbe, type ProbeOptions } from './probe';

export interface Person {
  context: BrowserContext;
  page: Page;
}

const WAIT = { timeout: 30_000 };

/** A new browser profile (nothing cached) with camera and microphone allowed, and the probe. */
export async function newPerson(
  browser: Browser,
  probe: ProbeOptions = { frames: true, watches: [] },
): Promise<Person> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await installProbe(context, probe);
  return { context, page: await context.newPage() };
}

export interface Media {
  camera: boolean;
  microphone: boolean;
}

async function tick(page: Page, media: Media): Promise<void> {
  if (media.camera) await page.getByLabel('Meine Kamera einschalten').check();
  if (media.microphone) await page.getByLabel('Mein Mikrofon einschalten').check();
}

/** The host makes a consultation with `invites` links (at most 12) and reads them off. */
export async function hostCreatesConsultation(
  host: Page,
  appUrl: string,
  label: string,
  invites: number,
): Promise<string[]> {
  await host.goto(appUrl);
  await host.getByLabel('Bezeichnung (nur auf diesem Rechner)').fill(label);
  await host.getByLabel('Anzahl der Einladungen').fill(String(invites));
  // Wait for the new one: an older consultation with this label (an earlier run's, the
  // app keeps them) is listed before the new one is, and its links would be read instead.
  const before = await consultationItems(host, label).count();
  await host.getByRole('button', { name: 'Beratung anlegen' }).click();
  await consultationItems(host, label).nth(before).waitFor(WAIT);
  const item = consultationItem(host, label);
  const links: string[] = [];
  for (let n = 1; n <= invites; n += 1)
    links.push(await item.getByLabel(`Link für Einladung ${n}`, { exact: true }).inputValue(WAIT));
  return links;
}

/** The consultations with exactly this label ("Last 1" is not "Last 16"), newest first. */
function consultationItems(host: Page, label: string) {
  return host
    .getByRole('listitem')
    .filter({ has: host.getByRole('heading', { name: label, exact: true }) });
}

function consultationItem(host: Page, label: string) {
  return consultationItems(host, label).first();
}

/** From the consultations list to the device check of this consultation. */
export async function hostOpensDeviceCheck(host: Page, label: string, media: Media) {
  await consultationItem(host, label).getByRole('button', { name: 'Beratung beginnen' }).click();
  await host.getByLabel('Ihr Name im Gespräch').fill('Frau Berger');
  await tick(host, media);
}

export async function waitUntilEncrypted(page: Page, timeout = WAIT.timeout): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: 'Ende-zu-Ende-verschlüsselt' })
    .first()
    .waitFor({ timeout });
}

/** From the device check into the call, until it is encrypted. */
export async function hostJoins(host: Page): Promise<void> {
  await host.getByRole('button', { name: 'Gespräch beitreten' }).click();
  await waitUntilEncrypted(host);
}

export async function hostBegins(host: Page, label: string, media: Media): Promise<void> {
  await hostOpensDeviceCheck(host, label, media);
  await hostJoins(host);
}

/** Out of the call, back at the consultations list. */
export async function leaveCall(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Gespräch verlassen' }).click();
  // The leave question: a guest confirms; the host goes alone, whoever else is there stays.
  await page.getByRole('button', { name: /^(Nur ich gehe|Ja, verlassen)$/ }).click();
}

export async function hostLeaves(host: Page): Promise<void> {
  await leaveCall(host);
  await host.getByRole('button', { name: 'Beratung anlegen' }).waitFor(WAIT);
}

/** A guest opens an invite link and walks into the waiting room. */
export async function guestKnocks(guest: Page, link: string, name: string, media: Media) {
  await guest.goto(link);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await guest.getByLabel('Ihr Name').fill(name);
  await guest.getByRole('button', { name: 'Weiter' }).click();
  await tick(guest, media);
  await guest.getByRole('button', { name: 'In den Warteraum' }).click();
  await guest.getByText('Sie werden gleich hereingebeten.').waitFor(WAIT);
}

export async function hostAdmits(host: Page, name: string): Promise<void> {
  await host.getByRole('button', { name: `${name} hereinlassen` }).click(WAIT);
}

interface ConsultationView {
  id: string;
  label: string;
  callRoom: string;
  callKey: string;
}

/** Calls the host's own IPC channel from the host page, as the app does. */
async function hostApi<T>(host: Page, channel: string, body: object): Promise<T> {
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
  if (!result.ok) throw new Error(`the host's ${channel} failed`);
  return result.value as T;
}

export async function consultationOf(host: Page, label: string): Promise<ConsultationView> {
  const { consultations } = await hostApi<{ consultations: ConsultationView[] }>(
    host,
    'consultation:list',
    {},
  );
  const found = consultations.find((c) => c.label === label);
  if (!found) throw new Error(`no consultation ${label}`);
  return found;
}

/** Host and one guest in a call, both with camera and microphone on. */
export async function oneToOneCall(
  hostBrowser: Browser,
  guestBrowser: Browser,
  appUrl: string,
  label: string,
  probe: ProbeOptions,
): Promise<{ host: Person; guest: Person; callRoom: string }> {
  const host = await newPerson(hostBrowser, probe);
  const [link = ''] = await hostCreatesConsultation(host.page, appUrl, label, 1);
  await hostBegins(host.page, label, { camera: true, microphone: true });
  const guest = await newPerson(guestBrowser, probe);
  await guestKnocks(guest.page, link, 'Gast', { camera: true, microphone: true });
  await hostAdmits(host.page, 'Gast');
  await waitUntilEncrypted(guest.page);
  await guest.page.getByLabel('Video: Frau Berger').waitFor(WAIT);
  await host.page.getByLabel('Video: Gast').waitFor(WAIT);
  const { callRoom } = await consultationOf(host.page, label);
  return { host, guest, callRoom };
}
