import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium';

/**
 * End-to-end tests: Debian's Chromium with fake camera and microphone, against the real
 * embedded LiveKit server and the app in browser mode. Never downloads a browser.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  // Two cores: one test at a time, each with at most three pages.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'out/test-results/playwright.json' }]],
  outputDir: 'out/test-results/playwright',
  use: {
    browserName: 'chromium',
    headless: true,
    permissions: ['camera', 'microphone'],
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
