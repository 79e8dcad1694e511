/**
 * What the `bench:profile…` reports stand on: the local LiveKit server (test ports), the
 * app in browser mode and two Debian Chromiums with fake cameras, one for the host and
 * one for the guest. Everything is stopped when the report's body ends, or fails.
 */
import { chromium, type Browser } from '@playwright/test';
import { createMemoryLogSink } from '../../src-main/services/logger';
import { chromiumArgsWithCameraAt, chromiumPath } from '../chromium';
import { profiles, startLocalLivekit } from '../local-livekit';
import { startBrowserModeApp } from '../test-app';
import { buildWebPage } from '../web-build';

export interface ReportStage {
  appUrl: string;
  hostBrowser: Browser;
  guestBrowser: Browser;
  /** Another browser, started now (cold: no audio service, no caches); closed with the rest. */
  newBrowser(): Promise<Browser>;
}

export async function withReportStage(
  body: (stage: ReportStage) => Promise<void>,
  options: { staticRoot?: string; cameraFps?: number } = {},
): Promise<void> {
  const livekit = await startLocalLivekit(profiles.test);
  const staticRoot = options.staticRoot ?? buildWebPage('error');
  const { app } = await startBrowserModeApp(livekit, staticRoot, () => createMemoryLogSink());
  const launch = () =>
    chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgsWithCameraAt(options.cameraFps ?? 20),
    });
  const browsers: Browser[] = [];
  try {
    const hostBrowser = await launch();
    browsers.push(hostBrowser);
    const guestBrowser = await launch();
    browsers.push(guestBrowser);
    const newBrowser = async () => {
      const browser = await launch();
      browsers.push(browser);
      return browser;
    };
    await body({ appUrl: app.appUrl, hostBrowser, guestBrowser, newBrowser });
  } finally {
    await Promise.allSettled(browsers.map((browser) => browser.close()));
    await app.close();
    await livekit.stop();
  }
}

/** `--name=value` from the command line. */
export function reportOption(name: string): string | undefined {
  return process.argv
    .slice(2)
    .map((arg) => new RegExp(`^--${name}=(.+)$`).exec(arg)?.[1])
    .find((value) => value !== undefined);
}

/** Runs a report; a failure ends it with its message and exit code 1. */
export function runReport(report: () => Promise<void>): void {
  report().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
