import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  consultationOf,
  expect,
  guestJoinsWithoutMedia,
  hostAndGuestInCall,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  hostTab,
  openProbe,
  operatorToken,
  serverApi,
  showChat,
  test,
} from './helpers';

test('host and guest chat end to end encrypted; a wrong key sees no text; links ask first', async ({
  open,
}) => {
  const { host, guest } = await hostAndGuestInCall(open, 'Chat', 'Maria');

  // Someone with a valid token but the wrong key is in the room too.
  const { callRoom } = await consultationOf(host, 'Chat');
  const intruder = await openProbe(open);
  await intruder.evaluate(async (options) => window.probe.join(options), {
    serverUrl: serverApi().url,
    token: await operatorToken(callRoom, randomBytes(16).toString('base64url')),
    key: randomBytes(32).toString('base64url'),
  });
  await expect
    .poll(async () => (await intruder.evaluate(() => window.probe.state())).videoPackets)
    .toBeGreaterThan(10);

  const secret = 'Treffpunkt Schuldnerberatung Raum 4711';
  await showChat(host);
  await showChat(guest);
  await host.getByLabel('Ihre Nachricht').fill(secret);
  await host.getByLabel('Ihre Nachricht').press('Enter');
  const guestLog = guest.getByRole('log', { name: 'Nachrichten im Chat' });
  await expect(guestLog).toContainText(secret);
  await expect(guestLog).toContainText('Frau Berger');

  await guest
    .getByLabel('Ihre Nachricht')
    .fill('Danke! Mehr unter https://example.org/termine und javascript:alert(1)');
  await guest.getByRole('button', { name: 'Senden' }).click();
  const hostLog = host.getByRole('log', { name: 'Nachrichten im Chat' });
  await expect(hostLog).toContainText('javascript:alert(1)');
  // Only the http(s) link is a control at all, and it asks before anything opens.
  await expect(hostLog.getByRole('button', { name: /javascript/ })).toHaveCount(0);
  await expect(hostLog.getByRole('link', { name: /javascript/ })).toHaveCount(0);
  const popups: string[] = [];
  host.context().on('page', (page) => popups.push(page.url()));
  await hostLog.getByRole('button', { name: /example\.org\/termine/ }).click();
  const dialog = host.getByRole('dialog', { name: 'Diese Adresse öffnen?' });
  await expect(dialog).toContainText('https://example.org/termine');
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(dialog).toBeHidden();
  expect(popups).toEqual([]);

  // Not one message opened for the intruder, not even LiveKit's own layer of encryption.
  expect((await intruder.evaluate(() => window.probe.state())).packets).toBe(0);
  // Nor does the server's log.
  const serverLog = readFileSync(`${process.cwd()}/.local/livekit/test/server.log`, 'utf8');
  expect(serverLog).not.toContain('Treffpunkt');
  expect(serverLog).not.toContain('example.org/termine');
});

test('outcomes: announced, shown to the client, confirmed, saved encrypted and exported', async ({
  open,
}) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Familie S., Dienstag');
  await hostBegins(host, 'Familie S., Dienstag');
  const guest = await open();
  await guestJoinsWithoutMedia(guest, host, link ?? '', 'Frau S');

  await hostTab(host, 'Ergebnisse');
  await host.getByRole('button', { name: 'Einzelgespräch' }).click();
  await expect(
    guest.getByText('Frau Berger schreibt die vereinbarten Ergebnisse auf.', { exact: false }),
  ).toBeVisible();
  await guest.getByRole('button', { name: 'Einverstanden', exact: true }).click();
  await host.getByLabel('Ziel 1').fill('Haushaltsbuch führen');
  await host.getByLabel('Schritt 1: Wer').fill('Frau S.');
  await host.getByLabel('Schritt 1: Was').fill('Kontoauszüge mitbringen');
  await host.getByLabel('Schritt 1: Bis wann').fill('Freitag');
  await host.getByLabel('Nächster Termin').fill('Dienstag, 10 Uhr');
  await host.getByLabel('Notizen').fill('Nur für die Akte: wirkte erschöpft.');
  await expect(host.getByText(/Gespeichert um/)).toBeVisible();

  await host.getByRole('button', { name: 'Zur Bestätigung zeigen' }).click();
  const shown = guest.getByRole('dialog', {
    name: 'Frau Berger zeigt Ihnen, was Sie vereinbart haben',
  });
  await expect(shown).toContainText('Haushaltsbuch führen');
  await expect(shown).toContainText('Frau S.: Kontoauszüge mitbringen (bis Freitag)');
  await expect(shown).toContainText('Dienstag, 10 Uhr');
  // The worker's own notes are not shown to the client.
  await expect(shown).not.toContainText('erschöpft');
  await shown.getByRole('button', { name: 'Ja, so haben wir es vereinbart' }).click();
  await expect(host.getByText('Vom Gegenüber bestätigt.')).toBeVisible();
  await expect(host.getByText(/Gespeichert um/)).toBeVisible();

  // Saved on the host's machine: listed with the confirmation, exported as Markdown and PDF.
  const { notes } = await hostApi<{ notes: { id: string; label: string; confirmed: boolean }[] }>(
    host,
    'notes:list',
    {},
  );
  const note = notes.find((n) => n.label === 'Familie S., Dienstag');
  await expect
    .poll(
      async () =>
        (
          await hostApi<{ notes: { confirmed: boolean; label: string }[] }>(host, 'notes:list', {})
        ).notes.find((n) => n.label === 'Familie S., Dienstag')?.confirmed,
    )
    .toBe(true);
  const markdownDownload = host.waitForEvent('download');
  await host.getByRole('button', { name: 'Als Markdown speichern' }).click();
  const markdown = readFileSync((await (await markdownDownload).path()) ?? '', 'utf8');
  expect(markdown).toContain('Haushaltsbuch führen');
  expect(markdown).toContain('Kontoauszüge mitbringen');
  expect(markdown).toContain('bestätigt');
  const pdfDownload = host.waitForEvent('download');
  await host.getByRole('button', { name: 'Als PDF speichern' }).click();
  const pdf = await getDocument({
    data: new Uint8Array(readFileSync((await (await pdfDownload).path()) ?? '')),
  }).promise;
  let text = '';
  for (let page = 1; page <= pdf.numPages; page += 1) {
    const content = await (await pdf.getPage(page)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  }
  expect(text).toContain('Haushaltsbuch führen');
  expect(text).toContain('Dienstag, 10 Uhr');
  expect(note).toBeDefined();
});

test('a client who declines note-keeping stops the saving at once; the text stays on screen', async ({
  open,
}) => {
  const host = await open();
  const [link] = await hostCreatesConsultation(host, 'Ohne Notizen');
  await hostBegins(host, 'Ohne Notizen');
  const guest = await open();
  await guestJoinsWithoutMedia(guest, host, link ?? '', 'Herr T');
  await hostTab(host, 'Ergebnisse');
  await host.getByRole('button', { name: 'Einzelgespräch' }).click();
  await guest.getByRole('button', { name: 'Nicht einverstanden' }).click();
  await expect(
    host.locator('.consent-person').filter({ hasText: 'Herr T' }).locator('[data-purpose="notes"]'),
  ).toHaveAttribute('data-state', 'declined');
  await host.getByLabel('Ziel 1').fill('Bleibt nur auf dem Bildschirm');
  await expect(host.getByRole('alert').filter({ hasText: 'nicht einverstanden' })).toBeVisible();
  await expect(host.getByLabel('Ziel 1')).toHaveValue('Bleibt nur auf dem Bildschirm');
  const { notes } = await hostApi<{ notes: { label: string }[] }>(host, 'notes:list', {});
  expect(notes.map((n) => n.label)).not.toContain('Ohne Notizen');
});
