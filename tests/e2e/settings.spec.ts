import { readFileSync } from 'node:fs';
import {
  appOrigin,
  appUrl,
  cspViolations,
  expect,
  expectEncrypted,
  guestKnocks,
  hostAdmits,
  hostApi,
  hostBegins,
  hostCreatesConsultation,
  test,
} from './helpers';

function testServer(): { url: string; apiKey: string; apiSecret: string } {
  const file = process.env.AUGENHOEHE_E2E_LIVEKIT_CREDENTIALS ?? '';
  const { apiKey, apiSecret } = JSON.parse(readFileSync(file, 'utf8')) as {
    apiKey: string;
    apiSecret: string;
  };
  return { url: process.env.AUGENHOEHE_E2E_LIVEKIT_URL ?? '', apiKey, apiSecret };
}

test("the organisation's server: a wrong secret is named after a test connection, the right one is saved", async ({
  open,
}) => {
  const server = testServer();
  const host = await open();
  await host.goto(appUrl());
  await host.getByRole('button', { name: 'Einstellungen' }).click();
  await host.getByLabel('Server der Organisation').check();
  await host.getByLabel('Server-Adresse').fill(server.url.replace('ws://', 'http://'));
  await host.getByLabel('API-Schlüssel').fill(server.apiKey);
  await host.getByLabel('API-Geheimnis').fill('not-the-secret-not-the-secret-not-the');
  await host.getByLabel('Adresse der Gästeseite').fill(`${appOrigin()}/`);
  await host.getByRole('button', { name: 'Verbindung testen' }).click();
  await expect(host.getByRole('alert')).toHaveText(
    'Der Server hat die Anmeldung abgelehnt. Bitte prüfen Sie API-Schlüssel und API-Geheimnis.',
  );

  await host.getByLabel('API-Geheimnis').fill(server.apiSecret);
  await host.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(host.getByRole('heading', { name: 'Neue Beratung' })).toBeVisible();

  // The secret never comes back to the page, and the saved server is the one in use.
  const view = await host.evaluate(async () => {
    const response = await fetch('/ipc/settings:get', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('augenhoehe.host-token') ?? ''}`,
      },
      body: '{}',
    });
    return response.text();
  });
  expect(view).not.toContain(server.apiSecret);
  expect(JSON.parse(view)).toMatchObject({
    ok: true,
    value: { mode: 'custom', serverUrl: server.url, hasSecret: true, configured: true },
  });
  const [link] = await hostCreatesConsultation(host, 'Mit Organisationsserver');
  expect(link).toContain(`${appOrigin()}/#v=3&`);

  // Back to the local test server for the other tests.
  await host.getByRole('button', { name: 'Einstellungen' }).click();
  await host.getByLabel('Lokaler Testserver (nur auf diesem Rechner)').check();
  await host.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(host.getByRole('heading', { name: 'Neue Beratung' })).toBeVisible();
});

test('a newly saved server is used at once: the next call connects without the person reloading', async ({
  open,
}) => {
  const server = testServer();
  // The same test server under another name: a source the page's first CSP did not allow.
  const newServer = server.url.replace('127.0.0.1', 'localhost');
  const host = await open();
  await host.goto(appUrl());
  try {
    await host.getByRole('button', { name: 'Einstellungen' }).click();
    await host.getByLabel('Server der Organisation').check();
    await host.getByLabel('Server-Adresse').fill(newServer);
    await host.getByLabel('API-Schlüssel').fill(server.apiKey);
    await host.getByLabel('API-Geheimnis').fill(server.apiSecret);
    await host.getByLabel('Adresse der Gästeseite').fill(`${appOrigin()}/`);
    await host.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(host.getByRole('heading', { name: 'Neue Beratung' })).toBeVisible();

    // Straight on, as a worker would: create, begin, let a guest in.
    const label = 'Gleich nach dem Einrichten';
    await host.getByLabel('Bezeichnung (nur auf diesem Rechner)').fill(label);
    await host.getByRole('button', { name: 'Beratung anlegen' }).click();
    const item = host
      .getByRole('listitem')
      .filter({ has: host.getByRole('heading', { name: label }) });
    const link = await item.getByLabel('Link für Einladung 1', { exact: true }).inputValue();
    expect(new URLSearchParams(new URL(link).hash.slice(1)).get('s')).toBe(newServer);
    await hostBegins(host, label);
    const guest = await open();
    await guestKnocks(guest, link, 'Amira');
    await hostAdmits(host, 'Amira');
    await expectEncrypted(guest);
    await expect(guest.getByLabel('Video: Frau Berger')).toBeVisible();
    const sockets = await host.evaluate(() => window.__webSockets);
    expect(sockets.some((url) => url.startsWith(`${newServer}/`))).toBe(true);
    expect(await cspViolations(host)).toEqual([]);
  } finally {
    // Back to the local test server for the other tests.
    await hostApi(host, 'settings:save', { mode: 'local' });
  }
});

test('how long logs and outcomes are kept is a setting, with limits', async ({ open }) => {
  const host = await open();
  await host.goto(appUrl());
  await host.getByRole('button', { name: 'Einstellungen' }).click();
  await expect(host.getByLabel('Protokolldateien löschen nach (Tagen)')).toHaveValue('7');
  await expect(
    host.getByLabel('Gesprächsergebnisse löschen nach (Tagen, außer „Aufbewahren“)'),
  ).toHaveValue('30');
  const logs = host.getByLabel('Protokolldateien löschen nach (Tagen)');
  await logs.fill('120');
  await host.getByRole('button', { name: 'Aufbewahrung speichern' }).click();
  // The field allows 1 to 90: it says so in the app's words, takes the focus back, and
  // nothing is saved.
  await expect(logs).toHaveAttribute('aria-invalid', 'true');
  await expect(logs).toHaveAccessibleDescription('Bitte eine ganze Zahl von 1 bis 90 eingeben.');
  await expect(logs).toBeFocused();
  await expect(host.getByText('Gespeichert.', { exact: true })).toHaveCount(0);
  expect(await hostApi(host, 'privacy:get', {})).toEqual({
    logRetentionDays: 7,
    noteRetentionDays: 30,
  });
  await logs.fill('14');
  await expect(logs).not.toHaveAttribute('aria-invalid');
  // The arrow keys step, as in a number field.
  const notes = host.getByLabel('Gesprächsergebnisse löschen nach (Tagen, außer „Aufbewahren“)');
  await notes.fill('59');
  await notes.press('ArrowUp');
  await expect(notes).toHaveValue('60');
  await host.getByRole('button', { name: 'Aufbewahrung speichern' }).click();
  await expect(host.getByText('Gespeichert.', { exact: true })).toBeVisible();
  expect(await hostApi(host, 'privacy:get', {})).toEqual({
    logRetentionDays: 14,
    noteRetentionDays: 60,
  });
  // Back to the defaults for the other tests.
  await hostApi(host, 'privacy:save', { logRetentionDays: 7, noteRetentionDays: 30 });
});
