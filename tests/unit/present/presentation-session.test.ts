import { describe, expect, it } from 'vitest';
import {
  PresentationSession,
  type PresentationSessionOptions,
} from '../../../src-renderer/features/present/presentation-session';
import { FakeCall, settle, type Packet } from './fake-transport';
import {
  FAKE_HEIGHT,
  FAKE_PREVIEW_HEIGHT,
  FAKE_PREVIEW_WIDTH,
  FAKE_WIDTH,
  fakeDocument,
  fakePng,
} from './fake-document';

function session(options: PresentationSessionOptions): PresentationSession {
  const created = new PresentationSession(options);
  created.connect();
  return created;
}

/** What was sent about a presentation (not the "what is shown now?" a new listener asks). */
const presentationPackets = (fake: FakeCall) =>
  fake.sent.filter((p) => p.kind === 'page' || p.message.type !== 'sync');

/** The id of the presentation that was started (as a dishonest member would read it). */
function startedId(fake: FakeCall): string {
  const start = fake.messagesOfType('start')[0];
  return start?.kind === 'message' && start.message.type === 'start'
    ? start.message.presentation
    : '';
}

function call(...names: string[]) {
  const fake = new FakeCall();
  const sessions = Object.fromEntries(
    names.map((name) => [name, session({ transport: fake.join(name) })]),
  );
  const state = (name: string) => sessions[name]!.getState();
  return { fake, sessions, state };
}

describe('presenting to the call', () => {
  it('shows page 1 to everyone, with file name, page count and text', async () => {
    const { fake, sessions, state } = call('berger', 'maria', 'jonas');
    await sessions.berger!.present(fakeDocument(12), { allowSave: false });
    await fake.deliver();

    expect(state('berger').presenting).toMatchObject({
      page: 1,
      pageCount: 12,
      fileName: 'Merkblatt.pdf',
    });
    for (const viewer of ['maria', 'jonas']) {
      expect(state(viewer).viewing).toMatchObject({
        presenter: 'berger',
        fileName: 'Merkblatt.pdf',
        pageCount: 12,
        page: 1,
        allowSave: false,
        shown: { page: 1, text: 'Text von Seite 1', format: 'image/png' },
      });
      expect(state(viewer).viewing?.shown?.image).toEqual(fakePng(1));
    }
  });

  it('moves everyone with next and previous, and never past the first or last page', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const berger = sessions.berger!;
    await berger.present(fakeDocument(3), { allowSave: false });
    await berger.next();
    await fake.deliver();
    expect(state('maria').viewing?.shown?.page).toBe(2);
    expect(state('berger').presenting?.page).toBe(2);

    await berger.next();
    const sentBefore = fake.pagesSent().length;
    await berger.next(); // already on the last page: nothing more is sent
    await fake.deliver();
    expect(fake.pagesSent().length).toBe(sentBefore);
    expect(state('maria').viewing?.page).toBe(3);

    await berger.showPage(1);
    await berger.previous(); // already on the first page
    await fake.deliver();
    expect(state('maria').viewing?.shown).toMatchObject({ page: 1, text: 'Text von Seite 1' });
    expect(state('berger').presenting?.page).toBe(1);
  });

  it('gives someone who joins late the current page at once, and only to them', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(5), { allowSave: true });
    await sessions.berger!.showPage(4);
    await fake.deliver();
    const before = presentationPackets(fake).length;

    const late = session({ transport: fake.join('late') });
    await fake.deliver();
    expect(late.getState().viewing).toMatchObject({
      presenter: 'berger',
      page: 4,
      allowSave: true,
      shown: { page: 4, text: 'Text von Seite 4' },
    });
    const toLate = presentationPackets(fake).slice(before);
    // Once because the call announced them, and maybe once more because they asked.
    expect(toLate.map((p) => (p.kind === 'page' ? 'image' : p.message.type)).slice(0, 3)).toEqual([
      'start',
      'page',
      'image',
    ]);
    expect(toLate.every((packet) => packet.to?.join() === 'late')).toBe(true);
    expect(state('maria').viewing?.page).toBe(4);
  });

  it('answers someone who started listening only after the call announced them', async () => {
    const { fake, sessions } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(5), { allowSave: false });
    await sessions.berger!.showPage(3);
    await fake.deliver();
    // The call says "late is here" before late's app listens: the answer goes nowhere.
    const transport = fake.join('late');
    await fake.deliver();
    const late = new PresentationSession({ transport });
    expect(late.getState().viewing).toBeNull();
    late.connect();
    await fake.deliver();
    expect(late.getState().viewing).toMatchObject({ page: 3, shown: { page: 3 } });
  });

  it('asks again for the page when nothing is shown (the line was down), and not while viewing', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const syncs = () => fake.sent.filter((p) => p.kind === 'message' && p.message.type === 'sync');
    await fake.deliver();
    const before = syncs().length;
    sessions.maria!.resync();
    expect(syncs().length).toBe(before + 1);
    await sessions.berger!.present(fakeDocument(2), { allowSave: false });
    await fake.deliver();
    expect(state('maria').viewing?.page).toBe(1);
    sessions.maria!.resync();
    sessions.berger!.resync();
    expect(syncs().length).toBe(before + 1);
  });

  it('answers "what is shown now?" at most every few seconds per person', async () => {
    const { fake, sessions } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(5), { allowSave: false });
    await fake.deliver();
    const before = fake.pagesSent().length;
    for (let i = 0; i < 5; i += 1)
      fake.inject({ kind: 'message', from: 'jonas', message: { type: 'sync' } });
    await fake.deliver();
    expect(fake.pagesSent().length - before).toBe(1);
  });

  it('"stop" clears the page everywhere and closes the document', async () => {
    const { fake, sessions, state } = call('berger', 'maria', 'jonas');
    const document = fakeDocument(3);
    await sessions.berger!.present(document, { allowSave: false });
    await fake.deliver();
    await sessions.berger!.stop();
    await fake.deliver();
    expect(state('berger').presenting).toBeNull();
    expect(state('maria').viewing).toBeNull();
    expect(state('jonas').viewing).toBeNull();
    expect(document.closed).toBe(true);

    // Nobody new gets anything after the end.
    const after = session({ transport: fake.join('late') });
    await fake.deliver();
    expect(after.getState().viewing).toBeNull();
  });

  it('lets viewers save only when the presenter allows it, and tells them when that changes', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(3), { allowSave: false });
    await fake.deliver();
    expect(state('maria').viewing?.allowSave).toBe(false);

    await sessions.berger!.setAllowSave(true);
    await fake.deliver();
    expect(state('maria').viewing).toMatchObject({ allowSave: true, page: 1 });
    expect(state('maria').viewing?.shown?.page).toBe(1);

    await sessions.berger!.setAllowSave(false);
    await fake.deliver();
    expect(state('maria').viewing?.allowSave).toBe(false);
  });

  it('sends nothing when page 1 cannot be prepared, and says why', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const document = fakeDocument(3, { failing: new Map([[1, 'page-too-slow']]) });
    await expect(sessions.berger!.present(document, { allowSave: false })).rejects.toMatchObject({
      problem: 'page-too-slow',
    });
    await fake.deliver();
    expect(presentationPackets(fake)).toEqual([]);
    expect(state('berger').presenting).toBeNull();
    expect(state('maria').viewing).toBeNull();
  });

  it('stays on the page before when a page fails, and sends nothing for it', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const berger = sessions.berger!;
    await berger.present(fakeDocument(3, { failing: new Map([[2, 'page-damaged']]) }), {
      allowSave: false,
    });
    await fake.deliver();
    const before = fake.sent.length;

    await berger.next();
    await fake.deliver();
    expect(fake.sent.length).toBe(before);
    expect(state('berger').presenting).toMatchObject({
      page: 1,
      problem: { page: 2, problem: 'page-damaged' },
    });
    expect(state('maria').viewing?.page).toBe(1);

    // The presenter can skip the bad page.
    await berger.showPage(3);
    await fake.deliver();
    expect(state('maria').viewing?.shown?.page).toBe(3);
    expect(state('berger').presenting?.problem).toBeNull();
  });

  it('says so when a page cannot be sent, and the call goes on', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(3), { allowSave: false });
    await fake.deliver();
    fake.failSends = true;
    await sessions.berger!.next();
    expect(state('berger').presenting?.problem).toEqual({ page: 2, problem: 'send-failed' });
    fake.failSends = false;
    await sessions.berger!.next();
    await fake.deliver();
    expect(state('maria').viewing?.shown?.page).toBe(3);
  });

  it('sends only the newest page when "next" is pressed while a page is being prepared', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const document = fakeDocument(9);
    await sessions.berger!.present(document, { allowSave: false });
    await fake.deliver();
    document.hold();
    const presses = [sessions.berger!.next(), sessions.berger!.next(), sessions.berger!.next()];
    document.release();
    await Promise.all(presses);
    await fake.deliver();
    const toEveryone = fake.pagesSent().filter((p) => p.to === undefined);
    expect(toEveryone.map((p) => p.header.page)).toEqual([1, 4]);
    expect(state('maria').viewing?.shown?.page).toBe(4);
    expect(state('berger').presenting?.page).toBe(4);
  });

  it('sends only pages the presenter has shown, never the next one ahead', async () => {
    const { fake, sessions } = call('berger', 'maria');
    const document = fakeDocument(5);
    await sessions.berger!.present(document, { allowSave: false });
    await fake.deliver();
    // Page 2 is prepared on the presenter's device already...
    expect(document.rendered).toContain(2);
    // ...but only page 1 went out.
    expect(new Set(fake.pagesSent().map((p) => p.header.page))).toEqual(new Set([1]));
  });
});

describe('a preview first, then the sharp page', () => {
  const isPreview = (p: Packet) => p.kind === 'page' && p.header.preview === true;

  it('sends the small preview before the sharp image, and viewers show each in turn', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(3, { previews: true }), { allowSave: true });
    expect(fake.pagesSent().map((p) => [p.header.page, p.header.preview === true])).toEqual([
      [1, true],
      [1, false],
    ]);
    // Only the preview has arrived: she sees page 1, small, and cannot save it yet.
    await fake.deliverOnly((p) => p.kind === 'message' || isPreview(p));
    expect(state('maria').viewing?.shown).toMatchObject({
      page: 1,
      width: FAKE_PREVIEW_WIDTH,
      height: FAKE_PREVIEW_HEIGHT,
      sharp: false,
      text: 'Text von Seite 1',
    });
    await fake.deliver();
    expect(state('maria').viewing?.shown).toMatchObject({
      page: 1,
      width: FAKE_WIDTH,
      height: FAKE_HEIGHT,
      sharp: true,
    });
    expect(state('maria').viewing?.shown?.image).toEqual(fakePng(1));
  });

  it('begins with the preview of page 1 while its sharp image is still being encoded', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const document = fakeDocument(3, { previews: true });
    document.holdSharp();
    // Presenting has begun (the presenter's question closes) with only the preview ready.
    await sessions.berger!.present(document, { allowSave: false });
    await fake.deliver();
    const pages = () => fake.sent.filter((p) => p.kind === 'page');
    // Only previews so far (the start answers the viewer.s own request too).
    expect(pages().length).toBeGreaterThan(0);
    expect(pages().every((p) => p.header.page === 1 && p.header.preview === true)).toBe(true);
    expect(state('maria').viewing?.shown).toMatchObject({ page: 1, sharp: false });
    expect(state('berger').presenting?.shown).toMatchObject({ page: 1, width: FAKE_PREVIEW_WIDTH });
    // Encoded: the sharp image follows by itself.
    document.releaseSharp();
    await expect
      .poll(async () => {
        await fake.deliver();
        return state('maria').viewing?.shown?.sharp;
      })
      .toBe(true);
    expect(pages().some((p) => p.header.page === 1 && p.header.preview !== true)).toBe(true);
    expect(state('berger').presenting?.shown).toMatchObject({ page: 1, width: FAKE_WIDTH });
  });

  it("changes the presenter's own screen to page 1 only once its start and preview have gone", async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    fake.holdPageSends();
    const presenting = sessions.berger!.present(fakeDocument(3, { previews: true }), {
      allowSave: false,
    });
    await settle();
    // The start has gone and the preview is on its way: the presenter's screen waits for it.
    expect(fake.messagesOfType('start')).toHaveLength(1);
    expect(fake.pagesSent().map((p) => [p.header.page, p.header.preview])).toEqual([[1, true]]);
    expect(state('berger').presenting).toBeNull();
    fake.releasePageSends();
    await presenting;
    expect(state('berger').presenting).toMatchObject({ page: 1, shown: { page: 1 } });
  });

  it('sends the next preview before its sharp image is even encoded, and the presenter sees it too', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const berger = sessions.berger!;
    const document = fakeDocument(3, { previews: true });
    await berger.present(document, { allowSave: false });
    await fake.deliver();
    // The encoder is slow: page 2's sharp image is not ready.
    document.holdSharp();
    const sent = fake.sent.length;
    const toTwo = berger.next();
    await settle();
    const pages = () => fake.sent.slice(sent).filter((p) => p.kind === 'page');
    expect(pages().map((p) => [p.header.page, p.header.preview === true])).toEqual([[2, true]]);
    await fake.deliver();
    expect(state('maria').viewing?.shown).toMatchObject({ page: 2, sharp: false });
    expect(state('berger').presenting).toMatchObject({
      page: 2,
      shown: { page: 2, width: FAKE_PREVIEW_WIDTH, text: 'Text von Seite 2' },
    });
    // Encoded: the sharp image follows, for everyone.
    document.releaseSharp();
    await toTwo;
    await fake.deliver();
    expect(pages().map((p) => [p.header.page, p.header.preview === true])).toEqual([
      [2, true],
      [2, false],
    ]);
    expect(state('maria').viewing?.shown).toMatchObject({ page: 2, sharp: true });
    expect(state('berger').presenting?.shown).toMatchObject({ page: 2, width: FAKE_WIDTH });
  });

  it('never lets a preview replace the sharp image of a page', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const berger = sessions.berger!;
    await berger.present(fakeDocument(3, { previews: true }), { allowSave: false });
    await fake.deliver();
    await berger.showPage(2);
    await fake.deliver();
    // Back to page 1: its preview comes again, but the sharp image she has stays.
    await berger.showPage(1);
    await fake.deliverOnly((p) => p.kind === 'message' || isPreview(p));
    expect(state('maria').viewing?.shown).toMatchObject({ page: 1, sharp: true });
    expect(state('maria').viewing?.shown?.image).toEqual(fakePng(1));
  });

  it('sends the next preview at once, while the sharp image before it is still on its way', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const berger = sessions.berger!;
    await berger.present(fakeDocument(5, { previews: true }), { allowSave: false });
    await fake.deliver();
    // A slow line: page 2's sharp image takes its time.
    fake.holdPageSends((header) => header.preview !== true);
    const toTwo = berger.next();
    await settle();
    const toThree = berger.next();
    await settle();
    const previewOfThree = fake.sent.find(
      (p) => p.kind === 'page' && p.header.page === 3 && p.header.preview === true,
    );
    expect(previewOfThree).toBeDefined();
    await fake.deliverOnly((p) => p === previewOfThree);
    expect(state('maria').viewing?.shown).toMatchObject({ page: 3, sharp: false });
    fake.releasePageSends();
    await Promise.all([toTwo, toThree]);
    await fake.deliver();
    // Page 2's sharp image came after page 3's preview and did not take its place.
    expect(state('maria').viewing?.shown).toMatchObject({ page: 3, sharp: true });
  });

  it('skips the sharp image of a page the presenter has already left', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const berger = sessions.berger!;
    const document = fakeDocument(5, { previews: true });
    await berger.present(document, { allowSave: false });
    await fake.deliver();
    // "Weiter" twice: page 3 is asked for while page 2's preview is still going out.
    const sent = fake.sent.length;
    fake.holdPageSends();
    const toTwo = berger.next();
    await settle();
    expect(fake.sent.slice(sent).some((p) => p.kind === 'page' && p.header.page === 2)).toBe(true);
    const toThree = berger.next();
    await settle();
    fake.releasePageSends();
    await Promise.all([toTwo, toThree]);
    await fake.deliver();
    const pages = fake.sent.slice(sent).filter((p) => p.kind === 'page');
    expect(pages.map((p) => [p.header.page, p.header.preview === true])).not.toContainEqual([
      2,
      false,
    ]);
    expect(pages.at(-1)?.header).toMatchObject({ page: 3 });
    expect(pages.at(-1)?.header.preview).toBeUndefined();
    expect(state('maria').viewing?.shown).toMatchObject({ page: 3, sharp: true });
  });
});

describe('what viewers accept', () => {
  it('shows a page whose image overtook its messages, once they arrive', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(3), { allowSave: false });
    await fake.deliverOnly((p) => p.kind === 'page');
    expect(state('maria').viewing).toBeNull();
    await fake.deliver();
    expect(state('maria').viewing?.shown?.page).toBe(1);
  });

  it('never lets an older page replace a newer one', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    const berger = sessions.berger!;
    await berger.present(fakeDocument(5), { allowSave: false });
    await fake.deliver();
    await berger.showPage(2);
    await berger.showPage(3);
    // Page 3 arrives first, then the older page 2.
    await fake.deliverOnly((p) => p.kind === 'message' || p.header.page === 3);
    expect(state('maria').viewing?.shown?.page).toBe(3);
    await fake.deliver();
    expect(state('maria').viewing?.page).toBe(3);
    expect(state('maria').viewing?.shown?.page).toBe(3);
  });

  it('shows a page seen before at once when the presenter goes back', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(5), { allowSave: false });
    await sessions.berger!.showPage(2);
    await fake.deliver();
    await sessions.berger!.showPage(1);
    await fake.deliverOnly((p) => p.kind === 'message');
    expect(state('maria').viewing?.shown?.page).toBe(1);
  });

  it('takes page changes and the end only from the person presenting', async () => {
    const { fake, sessions, state } = call('berger', 'maria', 'mallory');
    await sessions.berger!.present(fakeDocument(5), { allowSave: false });
    await fake.deliver();
    const presentation = startedId(fake);

    fake.inject({
      kind: 'message',
      from: 'mallory',
      message: { type: 'page', presentation, page: 5, sequence: 99 },
    });
    fake.inject({ kind: 'message', from: 'mallory', message: { type: 'stop', presentation } });
    fake.inject({
      kind: 'page',
      from: 'mallory',
      header: {
        presentation,
        page: 1,
        sequence: 100,
        width: FAKE_WIDTH,
        height: FAKE_HEIGHT,
        format: 'image/png',
        text: 'Fälschung',
      },
      image: fakePng(9),
    });
    expect(state('maria').viewing).toMatchObject({ presenter: 'berger', page: 1 });
    expect(state('maria').viewing?.shown?.text).toBe('Text von Seite 1');
  });

  it('ignores a presentation from someone who may not present', async () => {
    const fake = new FakeCall();
    const guest = session({ transport: fake.join('guest') });
    const viewer = session({
      transport: fake.join('maria'),
      mayPresent: (identity) => identity === 'host',
    });
    await guest.present(fakeDocument(2), { allowSave: false });
    await fake.deliver();
    expect(viewer.getState().viewing).toBeNull();
  });

  it.each([
    ['an image that is not what its header says', { format: 'image/webp' as const }],
    ['a page beyond the page count', { page: 7 }],
    ['a header with extra fields', { extra: 'x' }],
    ['an oversized text', { text: 'x'.repeat(20_001) }],
    ['a size other than the image has', { width: FAKE_WIDTH - 1 }],
    ['a page too large to decode', { width: 4096, height: 4096 }],
  ])('refuses %s', async (_what, change) => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(5), { allowSave: false });
    await fake.deliver();
    const presentation = startedId(fake);
    fake.inject({
      kind: 'page',
      from: 'berger',
      header: {
        presentation,
        page: 2,
        sequence: 50,
        width: FAKE_WIDTH,
        height: FAKE_HEIGHT,
        format: 'image/png',
        text: 'neu',
        ...change,
      } as never,
      image: fakePng(2),
    });
    expect(state('maria').viewing?.shown?.page).toBe(1);
  });

  it('ignores malformed messages', async () => {
    const { fake, state } = call('maria');
    fake.inject({
      kind: 'message',
      from: 'x',
      message: { type: 'start', fileName: 'a.pdf' } as never,
    });
    fake.inject({ kind: 'message', from: 'x', message: { type: 'unknown' } as never });
    expect(state('maria').viewing).toBeNull();
  });

  it('clears the page when the presenter leaves the call', async () => {
    const { fake, sessions, state } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(3), { allowSave: false });
    await fake.deliver();
    fake.leave('berger');
    expect(state('maria').viewing).toBeNull();
  });

  it('ends my presentation when someone else starts one, and shows theirs', async () => {
    const { fake, sessions, state } = call('berger', 'kollege', 'maria');
    const mine = fakeDocument(3);
    await sessions.berger!.present(mine, { allowSave: false });
    await fake.deliver();
    await sessions.kollege!.present(fakeDocument(2, { fileName: 'Plan.pdf' }), {
      allowSave: false,
    });
    await fake.deliver();
    expect(state('berger')).toMatchObject({ presenting: null, ended: 'taken-over' });
    expect(state('berger').viewing?.fileName).toBe('Plan.pdf');
    expect(state('maria').viewing).toMatchObject({ presenter: 'kollege', fileName: 'Plan.pdf' });
    expect(mine.closed).toBe(true);
    // And the other way round: presenting again replaces theirs on my screen too.
    await sessions.berger!.present(fakeDocument(4), { allowSave: false });
    await fake.deliver();
    expect(state('berger')).toMatchObject({ viewing: null, presenting: { pageCount: 4 } });
    expect(state('maria').viewing).toMatchObject({ presenter: 'berger', pageCount: 4 });
  });

  it('sends nothing more once disposed', async () => {
    const { fake, sessions } = call('berger', 'maria');
    await sessions.berger!.present(fakeDocument(3), { allowSave: false });
    await fake.deliver();
    const before = fake.sent.length;
    sessions.berger!.dispose();
    fake.join('late');
    fake.inject({ kind: 'message', from: 'late', message: { type: 'sync' } });
    await fake.deliver();
    expect(fake.sent.length).toBe(before);
  });
});
