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

  test('the window is isolated and a consultation can be prepared', async () => {
    const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'error'], {
      cwd: root,
      stdio: 'inherit',
    });
    expect(build.status).toBe(0);
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [join(root, 'out', 'main', 'main.js')],
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
        api: typeof (window as { api?: { createCall?: unknown } }).api?.createCall,
        require: typeof (window as { require?: unknown }).require,
        process: typeof (window as { process?: unknown }).process,
      }));
      expect(reach).toEqual({ api: 'function', require: 'undefined', process: 'undefined' });
      await page.getByRole('button', { name: 'Beratung anlegen' }).click();
      await expect(page.getByLabel('Link für Einladung 1')).toHaveValue(/#v=2&/);
    } finally {
      await app.close();
    }
  });
});
