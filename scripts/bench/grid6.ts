/**
 * A team meeting of six: the host and five guests, everyone with camera (Chromium's fake
 * device at 10 fps, the app's 640x360 capture, simulcast picks the small layer for the
 * grid's tiles) and microphone, held for `--call-seconds` (60) and cut into `--runs` equal
 * windows:
 *
 *   grid6_renderer_cpu_pct  per window: the CPU time of the host's renderer process (CDP
 *                           `Performance.getMetrics` ProcessTime: the page, its workers and
 *                           WebRTC's threads) in % of one core
 *   grid6_freezes           per window: video freezes the host's receivers counted
 *                           (inbound-rtp freezeCount, summed); the total is printed too
 *
 * The five guests share one browser (five profiles); the host has its own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { BenchContext } from './context';
import type { FigureGroup } from './framework';
import {
  guestKnocks,
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  newPerson,
  waitUntilEncrypted,
} from './journeys';
import { inboundVideo } from './probe';

const CAMERA_FPS = 10;
// Seven pages on two cores: a join may take far longer than in a 1:1 call. The time each
// took is printed; the figures are about the meeting once everyone is in.
const JOIN_TIMEOUT_MS = 120_000;
const GUESTS = ['Anna', 'Ben', 'Cem', 'Dora', 'Emil'];
const SHOTS = join('test-results', 'bench-grid6');

/**
 * Waits until the host's page shows this guest's video. Seven pages on two cores read as a
 * weak line, and the app may go to sound only ("Nur Ton", its weak-line help); the host then
 * asks for the pictures back, as someone who wants to see everyone would, and
 * `onPicturesBack` counts it.
 */
async function videoShown(page: Page, name: string, onPicturesBack: () => void): Promise<void> {
  const video = page.getByLabel(`Video: ${name}`);
  const back = page.getByRole('button', { name: 'Bilder wieder zeigen' });
  const keep = page.getByRole('button', { name: 'Bilder behalten' });
  const deadline = Date.now() + JOIN_TIMEOUT_MS;
  while (!(await video.isVisible())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for the video of ${name}`);
    for (const button of [back, keep]) {
      if (await button.isVisible()) {
        await button.click();
        onPicturesBack();
      }
    }
    await page.waitForTimeout(500);
  }
}

export const grid6: FigureGroup<BenchContext> = {
  title: `team meeting of six (host + ${GUESTS.length} guests, ${CAMERA_FPS} fps, E2EE)`,
  figures: [
    { name: 'grid6_renderer_cpu_pct', unit: '% of a core', digits: 1 },
    { name: 'grid6_freezes', unit: 'freezes', total: true },
  ],
  async measure(bench, record) {
    const app = await bench.app('encrypted');
    const probe = { frames: false, watches: [] };
    const host = await newPerson(
      await bench.launch({ cameraFps: CAMERA_FPS, desktop: true }),
      probe,
    );
    const guestBrowser = await bench.launch({ cameraFps: CAMERA_FPS });
    const links = await hostCreatesConsultation(host.page, app.appUrl, 'Sechs', GUESTS.length);
    await hostBegins(host.page, 'Sechs', { camera: true, microphone: true });
    const guests = [];
    const joins: string[] = [];
    // Times the host's app went to sound only on the overloaded machine and the host asked
    // for the pictures back (see videoShown).
    let picturesBack = 0;
    for (const [index, name] of GUESTS.entries()) {
      bench.progress(`  ${name} joins`);
      const guest = await newPerson(guestBrowser, probe);
      await guestKnocks(guest.page, links[index] ?? '', name, { camera: true, microphone: true });
      const admitted = Date.now();
      await hostAdmits(host.page, name);
      await waitUntilEncrypted(guest.page, JOIN_TIMEOUT_MS);
      const encrypted = Date.now();
      try {
        await videoShown(host.page, name, () => (picturesBack += 1));
      } catch (error) {
        // What the host saw instead, and what her page received, for the note on a stop.
        mkdirSync(SHOTS, { recursive: true });
        await host.page.screenshot({ path: join(SHOTS, `host-without-${name}.png`) });
        const streams = (await inboundVideo(host.page)).streams.length;
        throw new Error(
          `${name}'s video not shown at the host (screenshot in ${SHOTS}; the host received ` +
            `${streams} video streams)`,
          { cause: error },
        );
      }
      joins.push(
        `${name} encrypted ${((encrypted - admitted) / 1000).toFixed(1)} s after "let in", ` +
          `the video at the host ${((Date.now() - admitted) / 1000).toFixed(1)} s`,
      );
      guests.push(guest);
    }
    record.note('grid6_renderer_cpu_pct', `joins (seen from the bench): ${joins.join('; ')}`);
    record.note(
      'grid6_renderer_cpu_pct',
      `the host's app went to sound only and the host asked for the pictures back ${picturesBack} times`,
    );

    const cdp = await host.context.newCDPSession(host.page);
    await cdp.send('Performance.enable');
    const sample = async () => {
      const [{ metrics }, video] = await Promise.all([
        cdp.send('Performance.getMetrics'),
        inboundVideo(host.page),
      ]);
      return {
        wall: Date.now(),
        cpuSeconds: metrics.find((m) => m.name === 'ProcessTime')?.value ?? 0,
        freezes: new Map(video.streams.map((stream) => [stream.id, stream.freezeCount])),
        decoded: new Map(video.streams.map((stream) => [stream.id, stream.framesDecoded])),
      };
    };

    // Let simulcast and bandwidth estimation settle before the first window.
    await host.page.waitForTimeout(5000);
    const windowMs = (bench.options.callSeconds * 1000) / bench.options.runs;
    let previous = await sample();
    let before = previous;
    for (let run = 0; run < bench.options.runs; run += 1) {
      bench.progress(`  six window ${run + 1}/${bench.options.runs}`);
      await host.page.waitForTimeout(windowMs);
      const current = await sample();
      const seconds = (current.wall - previous.wall) / 1000;
      record.value(
        'grid6_renderer_cpu_pct',
        ((current.cpuSeconds - previous.cpuSeconds) / seconds) * 100,
      );
      let freezes = 0;
      for (const [id, count] of current.freezes) freezes += count - (previous.freezes.get(id) ?? 0);
      record.value('grid6_freezes', freezes);
      before = previous;
      previous = current;
    }
    // What the host sees at the end: a picture in each guest's tile, and how many of the
    // streams it receives still decode (a stream the server paused for the line keeps its
    // last frame on screen).
    const { pictures, paused } = await host.page.evaluate(() => ({
      pictures: document.querySelectorAll('figure.tile:not(.tile-local) video').length,
      paused: document.querySelectorAll('figure.tile[data-paused="true"]').length,
    }));
    const live = [...previous.decoded].filter(
      ([id, frames]) => frames > (before.decoded.get(id) ?? 0),
    ).length;
    record.note(
      'grid6_renderer_cpu_pct',
      `at the end the host showed ${pictures} of the ${GUESTS.length} guests' pictures ` +
        `(${paused} of them marked "Bild angehalten": not moving) and ` +
        `received ${previous.decoded.size} video streams, ${live} of them decoding in the last window`,
    );
    await Promise.all([host.context.close(), ...guests.map((guest) => guest.context.close())]);
  },
};
