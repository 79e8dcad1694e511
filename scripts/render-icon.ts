/**
 * Renders resources/icon.svg to resources/icon.png (1024 × 1024, transparent corners) with
 * Debian's Chromium, so the installers' icon is made from the committed source on this
 * machine. electron-builder derives the .ico and .icns from the PNG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from './chromium';
import { projectRoot } from './local-livekit';

const svg = readFileSync(join(projectRoot, 'resources', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page
    .locator('svg')
    .screenshot({ path: join(projectRoot, 'resources', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
