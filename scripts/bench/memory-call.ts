/**
 * The 1:1 call the memory reports read (`bench:memory`, `bench:memory-over-time`): two
 * browsers with a `gc()` for every page and worker, the camera at 20 fps, and either the
 * app as shipped (browser mode, against the test server) or the Meet yardstick.
 */
import type { Browser } from '@playwright/test';
import { chromium } from '@playwright/test';
import { createMemoryLogSink } from '../../src-main/services/logger';
import { chromiumArgsWithCameraAt, chromiumPath } from '../chromium';
import { profiles, startLocalLivekit } from '../local-livekit';
import { startBrowserModeApp } from '../test-app';
import { buildWebPage } from '../web-build';
import { defaultOptions, meetCodec, meetWay, type MeetCodec, type MeetWay } from './framework';
import { oneToOneCall, type Person } from './journeys';
import { meetCall, startMeetReference } from './meet-reference';
import { EXPOSE_GC_ARG } from './process-memory';

const CAMERA_FPS = 20;

/**
 * `--meet`, `--meet-codec=vp8|h264` and `--meet-way=prejoin|direct` from a memory report's
 * command line. A value it does not know ends the report with its usage message (exit 2).
 */
export function memoryCallArgs(report: string): {
  variant: 'app' | 'meet';
  codec: MeetCodec;
  way: MeetWay;
} {
  const variant = process.argv.includes('--meet') ? 'meet' : 'app';
  const valueOf = (flag: string) =>
    process.argv.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
  const [codecArg, wayArg] = [valueOf('--meet-codec'), valueOf('--meet-way')];
  try {
    const codec = codecArg === undefined ? defaultOptions.meetCodec : meetCodec(codecArg);
    const way = wayArg === undefined ? defaultOptions.meetWay : meetWay(wayArg);
    return { variant, codec, way };
  } catch (error) {
    process.stderr.write(`${report}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

export interface MemoryCall {
  host: Person;
  guest: Person;
  /** The host's browser and the guest's. */
  browsers: [Browser, Browser];
  close(): Promise<void>;
}

export async function startMemoryCall(
  variant: 'app' | 'meet',
  meetCodec: MeetCodec,
  meetWay: MeetWay,
): Promise<MemoryCall> {
  const livekit = await startLocalLivekit(profiles.test);
  const launch = () =>
    chromium.launch({
      executablePath: chromiumPath,
      args: [...chromiumArgsWithCameraAt(CAMERA_FPS), EXPOSE_GC_ARG],
    });
  const browsers: [Browser, Browser] = [await launch(), await launch()];
  // The page's server (the app's, or the yardstick's) is stopped with the rest.
  const servers: { close(): Promise<void> }[] = [];
  const close = async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await Promise.all(servers.map((server) => server.close()));
    await livekit.stop();
  };
  const probe = { frames: false, watches: [] };
  try {
    let people: { host: Person; guest: Person };
    if (variant === 'meet') {
      const reference = await startMeetReference();
      servers.push(reference);
      people = await meetCall(reference, livekit, browsers, probe, meetCodec, meetWay);
    } else {
      const { app } = await startBrowserModeApp(livekit, buildWebPage('error'), () =>
        createMemoryLogSink(),
      );
      servers.push(app);
      people = await oneToOneCall(browsers[0], browsers[1], app.appUrl, 'Speicher', probe);
    }
    const { host, guest } = people;
    return { host, guest, browsers, close };
  } catch (error) {
    await close();
    throw error;
  }
}
