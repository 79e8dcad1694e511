/**
 * A guest's way in, timed: the invite link opened in a new profile (cold page) → the
 * waiting room says the guest will be let in (`guest_knock_to_waiting_ms`: only the part after
 * her last click, "In den Warteraum"; `guest_link_to_waiting_app_ms`: only the time she waits
 * on the app, each screen from her click to its button); the host clicks "let in" → the
 * guest shows
 * the host's first and fifth video frame. The same path in the diagnostic build without
 * encryption (`_plain`) runs in the same bench run, alternating in blocks with the real one,
 * so both see the same machine.
 *
 * Each guest ticks camera and microphone, as the usual journey does, each step in the frame
 * its control becomes usable (an in-page person, see probe.ts); the host sits in the call
 * with both on. Times are taken inside the pages (the host's click event, the guest's
 * video frame callback), not around Playwright's calls.
 */
import type { Browser } from '@playwright/test';
import type { AppUnderTest, BenchContext, Variant } from './context';
import type { FigureGroup } from './framework';
import {
  hostAdmits,
  hostBegins,
  hostCreatesConsultation,
  hostLeaves,
  newPerson,
  type Person,
} from './journeys';
import {
  clickOn,
  inboundVideo,
  nthRemoteFrame,
  probeState,
  waitForProbe,
  type ProbeOptions,
  type ProbeState,
} from './probe';

const INVITES = 12; // the most one consultation has; links are used again in turn

const figureNames = {
  encrypted: {
    waiting: 'guest_link_to_waiting_ms',
    knock: 'guest_knock_to_waiting_ms',
    app: 'guest_link_to_waiting_app_ms',
    first: 'admit_to_first_frame_ms',
    fifth: 'admit_to_fifth_frame_ms',
  },
  plain: {
    waiting: 'guest_link_to_waiting_ms_plain',
    knock: 'guest_knock_to_waiting_ms_plain',
    app: 'guest_link_to_waiting_app_ms_plain',
    first: 'admit_to_first_frame_ms_plain',
    fifth: 'admit_to_fifth_frame_ms_plain',
  },
} as const;

interface Host {
  app: AppUnderTest;
  person: Person;
  label: string;
  links: string[];
}

export const admission: FigureGroup<BenchContext> = {
  title: 'admission (guest link → waiting room → let in → frames)',
  figures: [
    { name: 'guest_link_to_waiting_ms', unit: 'ms' },
    { name: 'guest_knock_to_waiting_ms', unit: 'ms' },
    { name: 'guest_link_to_waiting_app_ms', unit: 'ms' },
    { name: 'admit_to_first_frame_ms', unit: 'ms' },
    { name: 'admit_to_fifth_frame_ms', unit: 'ms' },
    { name: 'guest_link_to_waiting_ms_plain', unit: 'ms' },
    { name: 'guest_knock_to_waiting_ms_plain', unit: 'ms' },
    { name: 'guest_link_to_waiting_app_ms_plain', unit: 'ms' },
    { name: 'admit_to_first_frame_ms_plain', unit: 'ms' },
    { name: 'admit_to_fifth_frame_ms_plain', unit: 'ms' },
  ],
  async measure(bench, record, wants) {
    const { runs, block } = bench.options;
    const variants: Variant[] = [];
    if (Object.values(figureNames.encrypted).some((name) => wants(name)))
      variants.push('encrypted');
    if (Object.values(figureNames.plain).some((name) => wants(name))) variants.push('plain');

    const hostBrowser = await bench.launch({ desktop: true });
    const guestBrowser = await bench.launch();
    const hosts = new Map<Variant, Host>();
    for (const variant of variants) {
      const app = await bench.app(variant);
      const person = await newPerson(hostBrowser);
      const label = `Messung ${variant}`;
      const links = await hostCreatesConsultation(person.page, app.appUrl, label, INVITES);
      hosts.set(variant, { app, person, label, links });
    }

    let inCall: Host | null = null;
    const done = new Map<Variant, number>(variants.map((variant) => [variant, 0]));
    let failedInARow = 0;
    while (variants.some((variant) => (done.get(variant) ?? 0) < runs)) {
      for (const variant of variants) {
        const host = hosts.get(variant);
        if (!host) continue;
        // One host in a call at a time: the two builds never share the machine's cores.
        if (inCall !== host && (done.get(variant) ?? 0) < runs) {
          if (inCall) await hostLeaves(inCall.person.page);
          await hostBegins(host.person.page, host.label, { camera: true, microphone: true });
          inCall = host;
        }
        for (let k = 0; k < block && (done.get(variant) ?? 0) < runs; k += 1) {
          const run = done.get(variant) ?? 0;
          done.set(variant, run + 1);
          bench.progress(`  ${variant} admission ${run + 1}/${runs}`);
          try {
            await oneAdmission(
              host,
              run,
              guestBrowser,
              (figure, value) => record.value(figureNames[variant][figure], value),
              (figure, text) => record.note(figureNames[variant][figure], text),
            );
            failedInARow = 0;
          } catch (error) {
            const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
            for (const name of Object.values(figureNames[variant]))
              record.failed(name, reason ?? 'failed');
            failedInARow += 1;
            if (failedInARow >= 3)
              throw new Error(`three admissions in a row failed: ${reason}`, { cause: error });
          }
        }
      }
    }
  },
};

/**
 * The host's camera layers around "let in". LiveKit's dynacast pauses them while nobody
 * watches (about 10 s after the host began or the last person left); the server asks for
 * them again once her subscription reaches it, and her first frame waits for that.
 */
function cameraLayers(host: ProbeState, clicked: number): string {
  const before = host.layerChanges.filter((change) => change.t < clicked).at(-1);
  if (before === undefined || before.active.length > 0) return 'running at the click';
  const resumed = host.layerChanges.find(
    (change) => change.t >= clicked && change.active.length > 0,
  );
  return `paused at the click, resumed ${resumed ? Math.round(resumed.t - clicked) : '–'}`;
}

/**
 * A guest who walks from the link into the waiting room with camera and microphone, each
 * step in the frame its control is usable, and the marks on her way: each screen ready for
 * her (the welcome, the name, the device check) and the waiting room's answer.
 */
export function quickGuest(name: string): Required<Pick<ProbeOptions, 'watches' | 'person'>> {
  return {
    watches: [
      { key: 'waiting', selector: '[role=status]', text: 'Sie werden gleich hereingebeten.' },
      { key: 'welcome', selector: 'button', text: 'Einverstanden, weiter' },
      { key: 'name', selector: 'button', text: 'Weiter' },
      { key: 'devices', selector: 'button', text: 'In den Warteraum' },
    ],
    // From inside the page: Playwright's own clicks cost about 300 ms each here (several
    // round trips to check a control before using it).
    person: [
      { click: 'Einverstanden, weiter' },
      { fill: 'Ihr Name', value: name },
      { click: 'Weiter' },
      { check: 'Meine Kamera einschalten' },
      { check: 'Mein Mikrofon einschalten' },
      { click: 'In den Warteraum' },
    ],
  };
}

async function oneAdmission(
  host: Host,
  run: number,
  guestBrowser: Browser,
  measured: (figure: 'waiting' | 'knock' | 'app' | 'first' | 'fifth', value: number) => void,
  noted: (figure: 'app' | 'first', text: string) => void,
): Promise<void> {
  const name = `Gast ${run + 1}`;
  const way = quickGuest(name);
  const guest = await newPerson(guestBrowser, {
    frames: true,
    person: way.person,
    watches: [
      ...way.watches,
      // Let in: the call screen's bar is there (before its connection is up).
      { key: 'callScreen', selector: '.call-controls', text: 'Verlassen' },
      // Connected and encrypted: the call core asks for the host's tracks now.
      { key: 'encrypted', selector: '[role=status]', text: 'Ende-zu-Ende-verschlüsselt' },
      // The host's picture has its element: the app checked the host's sealed hello.
      { key: 'hostVideo', selector: '.tile:not(.tile-local) video', text: '' },
    ],
  });
  try {
    const link = host.links[run % host.links.length] ?? '';
    await guest.page.goto(link);
    // The probe marks the text in the animation frame that shows it.
    const waitingShown = await waitForProbe(guest.page, (state) => state.marks.waiting, {
      timeoutMs: 30_000,
      what: 'the waiting room in the probe',
    });
    const state = await probeState(guest.page);
    measured('waiting', waitingShown - state.origin);
    // The app's own part of it: from her last click, "In den Warteraum".
    const knocked = clickOn(state, 'In den Warteraum');
    if (knocked !== undefined) measured('knock', waitingShown - knocked);
    // The time she waits for the app, not for her own typing: each screen's wait from her
    // click (or the link) to its button, plus the knock.
    const { welcome, name: nameShown, devices } = state.marks;
    const agreed = clickOn(state, 'Einverstanden, weiter');
    const named = state.clicks.find((click) => click.name === 'Weiter')?.t;
    if (welcome && nameShown && devices && agreed && named && knocked) {
      const parts = {
        welcome: welcome - state.origin,
        name: nameShown - agreed,
        devices: devices - named,
        knock: waitingShown - knocked,
      };
      measured(
        'app',
        Object.values(parts).reduce((sum, part) => sum + part, 0),
      );
      // Which screen the wait was on, run by run.
      const each = Object.entries(parts).map(([screen, ms]) => `${screen} ${Math.round(ms)}`);
      noted('app', `run ${run + 1}: ${each.join(', ')} ms`);
    }

    const since = Date.now();
    await hostAdmits(host.person.page, name);
    const clicked = clickOn(await probeState(host.person.page, since), `${name} hereinlassen`);
    if (clicked === undefined) throw new Error('the click on "let in" was not seen');
    const fifth = await waitForProbe(guest.page, (state) => nthRemoteFrame(state, clicked, 5), {
      timeoutMs: 30_000,
      what: "the host's fifth frame at the guest",
      since: clicked,
    });
    const seen = await probeState(guest.page, clicked);
    const first = nthRemoteFrame(seen, clicked, 1) ?? fifth;
    measured('first', first - clicked);
    // Where the wait went, run by run: her call screen, its peer connections, the frame.
    const at = (t: number | undefined) => (t === undefined ? '–' : `${Math.round(t - clicked)}`);
    const pcs = seen.peerConnections
      .filter((pc) => pc.created >= clicked)
      .map(
        (pc) =>
          `made ${at(pc.created)}, answered ${at(pc.answered)}, ICE checking ` +
          `${at(pc.iceChecking)}, ICE up ${at(pc.iceConnected)}, up ${at(pc.connected)}` +
          (pc.firstVideoPacket ? `, the host's first video packet ${at(pc.firstVideoPacket)}` : ''),
      );
    // Her signal connection into the call: made, open, the server's first message.
    const sockets = seen.sockets
      .filter((socket) => socket.created >= clicked)
      .map(
        (socket) =>
          `made ${at(socket.created)}, open ${at(socket.opened)}, ` +
          `first message ${at(socket.firstMessage)}`,
      );
    // Clicks and frames from the click on only: the host's page has recorded every run's.
    const hostSeen = await probeState(host.person.page, clicked);
    const layers = cameraLayers(hostSeen, clicked);
    // The sealed "let in" on its way: the host's first data message after the click, and the
    // first that reached her.
    const after = (times: number[]) => times.find((t) => t >= clicked);
    const letIn =
      `the host's first data message ${at(after(hostSeen.dataSent))}, ` +
      `the first to reach her ${at(after(seen.dataReceived))}`;
    // Whether her receiver lost the host's first key frame: it then asks for another one.
    const received = (await inboundVideo(guest.page)).streams
      .filter((stream) => stream.framesDecoded > 0)
      .map(
        (stream) =>
          `${stream.keyFrameRequests} key-frame requests, ${stream.keyFramesDecoded} key frames ` +
          `decoded, ${stream.framesDropped} frames dropped, ${stream.packetsLost} packets lost`,
      );
    noted(
      'first',
      `run ${run + 1}: call screen ${at(seen.marks.callScreen)}; ` +
        `${letIn}; signal connection ${sockets.join(' / ') || 'made before the click'}; ` +
        `peer connections ${pcs.length ? pcs.join(' / ') : 'made before the click'}; ` +
        `"encrypted" ${at(seen.marks.encrypted)}; the host's camera layers ${layers}; ` +
        `the host's video element ${at(seen.marks.hostVideo)}; ` +
        `first frame ${at(first)} ms after "let in"; ` +
        `her receiver at the fifth frame: ${received.join(' / ') || '–'}`,
    );
    measured('fifth', fifth - clicked);
  } finally {
    await guest.context.close();
  }
}
