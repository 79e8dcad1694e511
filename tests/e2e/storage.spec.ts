/**
 * What this computer keeps, from the worker's side: an app that finds no keychain says so
 * on its first screen, and notes it cannot read can be looked at and removed. Each test
 * runs its own browser-mode app (the same wiring as `npm start`) with a fresh data folder.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBuildDir } from '../../scripts/web-build';
import type { LocalApiServer } from '../../src-main/browser-mode/local-api-server';
import { runBrowserMode } from '../../src-main/browser-mode/run-browser-mode';
import { newRandomId } from '../../src-main/services/random-ids';
import {
  createMemorySecretStore,
  createMissingSecretStore,
  type SecretStore,
} from '../../src-main/services/secret-store';
import { expect, serverApi, test } from './helpers';

async function startApp(secrets: SecretStore, prepare: (dataDir: string) => void = () => {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'augenhoehe-e2e-storage-'));
  const logDir = mkdtempSync(join(tmpdir(), 'augenhoehe-e2e-storage-logs-'));
  prepare(dataDir);
  const { url, apiKey, apiSecret } = serverApi();
  const app: LocalApiServer = await runBrowserMode({
    localServer: { serverUrl: url, apiKey, apiSecret },
    secrets,
    logSink: () => {},
    logDir,
    staticRoot: webBuildDir,
    dataDir,
  });
  return {
    app,
    dataDir,
    stop: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(logDir, { recursive: true, force: true });
    },
  };
}

test('without a keychain the first screen says so, and what that means', async ({ open }) => {
  const { app, stop } = await startApp(createMissingSecretStore());
  try {
    const host = await open();
    await host.goto(app.appUrl);
    const notice = host.getByRole('region', { name: 'Kein Schlüsselbund gefunden' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Beratungen gelten nur, bis Sie Augenhöhe beenden.');
    await expect(notice).toContainText('Gesprächsergebnisse lassen sich nicht speichern.');
    await expect(notice).toContainText(
      'Der Server Ihrer Organisation lässt sich nicht einrichten.',
    );
    await host.screenshot({
      path: 'out/test-results/screens/keychain-missing-home.png',
      fullPage: true,
    });
    const axe = await new AxeBuilder({ page: host })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    // The local test server needs no keychain: today's work is possible, for this run.
    await host.getByLabel('Bezeichnung (nur auf diesem Rechner)').fill('Ohne Schlüsselbund');
    await host.getByRole('button', { name: 'Beratung anlegen' }).click();
    await expect(host.getByRole('heading', { name: 'Ohne Schlüsselbund' })).toBeVisible();

    // The organisation's server cannot be set up, and the form says why.
    await host.getByRole('button', { name: 'Einstellungen' }).click();
    await expect(notice).toBeVisible();
    const { url, apiKey, apiSecret } = serverApi();
    await host.getByLabel('Server der Organisation').check();
    await host.getByLabel('Server-Adresse').fill(url.replace('127.0.0.1', 'localhost'));
    await host.getByLabel('API-Schlüssel').fill(apiKey);
    await host.getByLabel('API-Geheimnis').fill(apiSecret);
    await host.getByLabel('Adresse der Gästeseite').fill(`${app.origin}/`);
    await host.getByRole('button', { name: 'Speichern', exact: true }).click();
    await expect(host.getByRole('alert')).toContainText('Schlüsselbund');
  } finally {
    await stop();
  }
});

test('a note this computer cannot read is shown by its age, and can be removed', async ({
  open,
}) => {
  const id = newRandomId();
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  twoDaysAgo.setSeconds(0, 0);
  const { app, dataDir, stop } = await startApp(createMemorySecretStore(), (dir) => {
    // Encrypted with a key this machine no longer has (a reinstalled keychain, say).
    mkdirSync(join(dir, 'notes'), { recursive: true });
    const file = join(dir, 'notes', `${id}.note`);
    writeFileSync(file, Buffer.concat([Buffer.from('AUGENHOEHE-ENC-1'), Buffer.alloc(80, 7)]));
    utimesSync(file, twoDaysAgo, twoDaysAgo);
  });
  try {
    const host = await open();
    await host.goto(app.appUrl);
    const section = host.getByRole('region', {
      name: 'Gesprächsergebnisse, die sich nicht lesen lassen',
    });
    const date = twoDaysAgo.toLocaleDateString('de', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    const time = twoDaysAgo.toLocaleTimeString('de', { hour: '2-digit', minute: '2-digit' });
    await expect(section).toContainText(`Zuletzt gespeichert am ${date} um ${time} Uhr`);
    await section.scrollIntoViewIfNeeded();
    await host.screenshot({
      path: 'out/test-results/screens/unreadable-notes.png',
      fullPage: true,
    });

    // Removing asks once more, and "keep" keeps it.
    const remove = section.getByRole('button', {
      name: `Nicht lesbares Ergebnis vom ${date}, ${time} Uhr entfernen`,
    });
    await remove.click();
    await expect(section.getByRole('button', { name: 'Behalten' })).toBeFocused();
    await section.getByRole('button', { name: 'Behalten' }).click();
    await expect(remove).toBeFocused();
    expect(readdirSync(join(dataDir, 'notes'))).toEqual([`${id}.note`]);

    await remove.click();
    await section.getByRole('button', { name: 'Ja, endgültig entfernen' }).click();
    await expect(section.getByRole('status')).toHaveText('Entfernt.');
    expect(readdirSync(join(dataDir, 'notes'))).toEqual([]);
    // Nothing of it is left to show after a reload either.
    await host.reload();
    await expect(host.getByRole('heading', { name: 'Neue Beratung' })).toBeVisible();
    await expect(section).toHaveCount(0);
  } finally {
    await stop();
  }
});
