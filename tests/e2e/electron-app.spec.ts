import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = process.cwd();

/** The Electron binary, if this machine has it; never downloads it. */
function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip(
    binary === null,
    'The Electron binary is not on this machine (it is fetched from GitHub on first use, which this network does not allow). ' +
      'The shell is built and its wiring unit-tested; the same renderer and handlers run in browser mode in the other end-to-end tests.',
  );

  test('the window is isolated, exposes only the verbs, and a consultation can be prepared', async () => {
    const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'error'], {
      cwd: root,
      stdio: 'inherit',
    });
    expect(build.status).toBe(0);
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      // Chromium's fake camera, so the consent check below has a device to ask for.
      args: [join(root, 'out', 'main', 'main.js'), '--use-fake-device-for-media-stream'],
      env: {
        ...process.env,
        AUGENHOEHE_LOCAL_LIVEKIT_URL: process.env.AUGENHOEHE_E2E_LIVEKIT_URL ?? '',
        AUGENHOEHE_LOCAL_LIVEKIT_CREDENTIALS: process.env.AUGENHOEHE_E2E_LIVEKIT_CREDENTIALS ?? '',
      },
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://augenhoehe/index.html');
      const reach = await page.evaluate(() => ({
        verbs: Object.keys((window as { api?: object }).api ?? {}).sort(),
        require: typeof (window as { require?: unknown }).require,
        process: typeof (window as { process?: unknown }).process,
      }));
      // The verbs the page may call (src-shared/api-surface.ts), and no transport.
      expect(reach.verbs).toEqual(
        [
          'admitGuest',
          'createConsultation',
          'deleteNote',
          'exportNote',
          'getAppInfo',
          'getNote',
          'getPrivacySettings',
          'getServerSettings',
          'hostTickets',
          'keepDisplayAwake',
          'listConsultations',
          'listNotes',
          'logEvent',
          'notifyKnock',
          'onDeepLink',
          'openLink',
          'removeConsultation',
          'removeParticipant',
          'saveNote',
          'savePrivacySettings',
          'saveServerSettings',
          'setMediaConsent',
          'testServer',
        ].sort(),
      );
      expect(reach).toMatchObject({ require: 'undefined', process: 'undefined' });
      const info = await page.evaluate(() =>
        (window as unknown as { api: { getAppInfo: () => Promise<unknown> } }).api.getAppInfo(),
      );
      expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });

      // The camera only once the person has ticked it.
      const camera = () =>
        page.evaluate(() =>
          navigator.mediaDevices.getUserMedia({ video: true }).then(
            (stream) => {
              stream.getTracks().forEach((track) => track.stop());
              return 'granted';
            },
            (error: Error) => error.name,
          ),
        );
      expect(await camera()).toBe('NotAllowedError');
      await page.evaluate(() =>
        (
          window as unknown as { api: { setMediaConsent: (c: object) => Promise<unknown> } }
        ).api.setMediaConsent({ camera: true, microphone: false }),
      );
      expect(await camera()).toBe('granted');

      await page.getByRole('button', { name: 'Beratung anlegen' }).click();
      await expect(page.getByLabel('Link für Einladung 1')).toHaveValue(/#v=2&/);
    } finally {
      await app.close();
    }
  });
});
