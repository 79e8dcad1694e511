/**
 * `npm run bench:profile-guest-way`: what the guest's main thread does on her way from the
 * invite link into the waiting room (`guest_link_to_waiting_ms`), screen by screen. Not a
 * figure: a report to act on.
 *
 * The host sits in the call with camera and microphone, as in the admission bench; for each
 * run (`--runs=N`, 3; `--save=DIR` keeps the profiles; `--new-browser`: each guest in a
 * browser started for her, as `guest_link_to_waiting_new_browser_ms` measures) a guest in a
 * new profile opens a link with the CDP sampling profiler
 * running (0.2 ms) and walks in as the bench's quick guest does, each step in the frame its
 * control is usable. Printed per run and part of the way: how long it took, how much of it
 * her main thread ran, and what ran most ("outermost app function > the function itself";
 * `(program)` is the browser's own work on that thread: style, layout, WebRTC, parsing;
 * `(garbage collector)` is V8's). At the end, the same over all runs by file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quickGuest } from './admission';
import {
  busyMs,
  monotonicToWallMs,
  mostOf,
  samplesOf,
  type Profile,
  type Sample,
} from './cpu-profile';
import { hostBegins, hostCreatesConsultation, newPerson } from './journeys';
import { clickOn, longestTask, probeState, waitForProbe } from './probe';
import { reportOption, runReport, withReportStage } from './report-stage';

const runs = Number(reportOption('runs') ?? 3);
/** `--save=DIR`: each run's profile as a .cpuprofile file there (DevTools opens it). */
const saveTo = reportOption('save');
const newBrowserEach = process.argv.includes('--new-browser');
const out = (line = '') => process.stdout.write(`${line}\n`);

runReport(() =>
  withReportStage(async ({ appUrl, hostBrowser, guestBrowser, newBrowser }) => {
    const wallOffset = monotonicToWallMs();
    const all: Sample[] = [];
    let wayMs = 0;
    const host = await newPerson(hostBrowser);
    const links = await hostCreatesConsultation(host.page, appUrl, 'Profil', 12);
    await hostBegins(host.page, 'Profil', { camera: true, microphone: true });
    for (let run = 0; run < runs; run += 1) {
      const browser = newBrowserEach ? await newBrowser() : guestBrowser;
      const guest = await newPerson(browser, {
        frames: false,
        ...quickGuest(`Gast ${run + 1}`),
      });
      // Started on the new tab's blank page: the link opens in the same renderer process,
      // so the profile covers the page from its first byte.
      const cdp = await guest.context.newCDPSession(guest.page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await guest.page.goto(links[run % links.length] ?? '', { waitUntil: 'commit' });
      const waiting = await waitForProbe(guest.page, (state) => state.marks.waiting, {
        timeoutMs: 30_000,
        what: 'the waiting room',
      });
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      if (saveTo) {
        mkdirSync(saveTo, { recursive: true });
        writeFileSync(join(saveTo, `guest-way-${run + 1}.cpuprofile`), JSON.stringify(profile));
      }
      const seen = await probeState(guest.page);
      const samples = samplesOf(profile, wallOffset).filter(
        (sample) => sample.t >= seen.origin && sample.t <= waiting,
      );
      if (!samples.some((sample) => sample.file.endsWith('.js')))
        throw new Error("the profile holds none of the page's scripts: it lost the page");
      const { welcome, name, devices } = seen.marks;
      const agreed = clickOn(seen, 'Einverstanden, weiter');
      const named = seen.clicks.find((click) => click.name === 'Weiter')?.t;
      const knocked = clickOn(seen, 'In den Warteraum');
      const parts: [string, number | undefined, number | undefined][] = [
        ['link → the welcome usable', seen.origin, welcome],
        ['"Einverstanden" → the name usable', agreed, name],
        ['"Weiter" → the device check usable', named, devices],
        ['the device check: its ticks', devices, knocked],
        ['"In den Warteraum" → "… hereingebeten."', knocked, waiting],
      ];
      wayMs += waiting - seen.origin;
      out(
        `\n# run ${run + 1}: ${Math.round(waiting - seen.origin)} ms, main thread busy ` +
          `${Math.round(busyMs(samples))} ms`,
      );
      for (const [what, from, to] of parts) {
        if (from === undefined || to === undefined) {
          out(`${what}: not seen`);
          continue;
        }
        const inPart = samples.filter((sample) => sample.t >= from && sample.t < to);
        out(
          `${what}: ${Math.round(to - from)} ms, busy ${Math.round(busyMs(inPart))} ms; ` +
            mostOf(inPart, 4, (sample) => sample.label),
        );
      }
      // The longest her page did not answer: what ran in it.
      const longest = longestTask(seen, waiting);
      if (longest.duration > 0) {
        const inTask = samples.filter(
          (sample) => sample.t >= longest.t && sample.t < longest.t + longest.duration,
        );
        out(
          `the longest task: ${Math.round(longest.duration)} ms, from ` +
            `${Math.round(longest.t - seen.origin)} ms after the link; ` +
            mostOf(inTask, 4, (sample) => sample.label),
        );
      }
      all.push(...samples);
      await guest.context.close();
      if (browser !== guestBrowser) await browser.close();
    }
    out(
      `\n# all runs: the way ${Math.round(wayMs)} ms, busy ${Math.round(busyMs(all))} ms\n` +
        `by file: ${mostOf(all, 10, (sample) => sample.file)}\n` +
        `by function: ${mostOf(all, 12, (sample) => sample.label)}`,
    );
  }),
);
