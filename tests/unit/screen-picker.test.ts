/**
 * The desktop app's screen picker as plain functions: sources in, the person's choice or
 * cancel out; cancel, silence or a forged answer share nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScreenChoiceRequest } from '../../src-shared/ipc-contract';
import { chooseScreen, createScreenPicker, offerOf } from '../../src-main/services/screen-picker';

const picture = (dataUrl: string) => ({ isEmpty: () => dataUrl === '', toDataURL: () => dataUrl });
const png = 'data:image/png;base64,iVBORw0KGgo=';
const sources = [
  { id: 'screen:0:0', name: 'Bildschirm 1', thumbnail: picture(png) },
  { id: 'screen:1:0', name: 'Bildschirm 2', thumbnail: picture(png) },
  { id: 'window:42:0', name: 'Hilfeplan.docx – Word', thumbnail: picture(png) },
  { id: 'window:43:0', name: 'Posteingang\u202E – Mail', thumbnail: picture('') },
];

describe('chooseScreen', () => {
  it('offers every screen and window with its name and picture, nothing chosen', async () => {
    const ask = vi.fn(async () => null);
    await chooseScreen(sources, ask, false);
    expect(ask).toHaveBeenCalledWith(
      [
        { id: 'screen:0:0', kind: 'screen', name: 'Bildschirm 1', thumbnail: png },
        { id: 'screen:1:0', kind: 'screen', name: 'Bildschirm 2', thumbnail: png },
        { id: 'window:42:0', kind: 'window', name: 'Hilfeplan.docx – Word', thumbnail: png },
        { id: 'window:43:0', kind: 'window', name: 'Posteingang – Mail', thumbnail: '' },
      ],
      false,
    );
  });

  it('shares exactly the source the person chose, without sound', async () => {
    const streams = await chooseScreen(
      sources,
      async () => ({ sourceId: 'window:42:0', audio: false }),
      true,
    );
    expect(streams).toEqual({ video: sources[2] });
  });

  it('shares nothing on cancel', async () => {
    expect(await chooseScreen(sources, async () => null, false)).toBeNull();
  });

  it('shares nothing for a source that was not offered', async () => {
    const forged = async () => ({ sourceId: 'screen:9:0', audio: false });
    expect(await chooseScreen(sources, forged, false)).toBeNull();
  });

  it('shares nothing, and asks nothing, when there is nothing to share', async () => {
    const ask = vi.fn(async () => null);
    expect(await chooseScreen([], ask, false)).toBeNull();
    expect(ask).not.toHaveBeenCalled();
  });

  it('sends the computer’s sound only when asked for and possible', async () => {
    const withSound = async () => ({ sourceId: 'screen:0:0', audio: true });
    expect(await chooseScreen(sources, withSound, true)).toEqual({
      video: sources[0],
      audio: 'loopback',
    });
    expect(await chooseScreen(sources, withSound, false)).toEqual({ video: sources[0] });
  });

  it('drops a thumbnail that is not a small PNG', () => {
    const huge = `data:image/png;base64,${'A'.repeat(600_000)}`;
    expect(offerOf({ id: 'screen:0:0', name: 'x', thumbnail: picture(huge) }).thumbnail).toBe('');
    expect(
      offerOf({ id: 'screen:0:0', name: 'x', thumbnail: picture('data:text/html,<b>') }).thumbnail,
    ).toBe('');
  });
});

describe('createScreenPicker', () => {
  afterEach(() => vi.useRealTimers());

  function asked() {
    const picker = createScreenPicker({ timeoutMs: 1000 });
    const questions: ScreenChoiceRequest[] = [];
    const ask = picker.ask((question) => questions.push(question));
    return { picker, questions, ask };
  }

  it('hands the question to the page and resolves with its answer', async () => {
    const { picker, questions, ask } = asked();
    const answer = ask([offerOf(sources[0]!)], false);
    expect(questions).toHaveLength(1);
    expect(questions[0]?.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(picker.answer(questions[0]!.requestId, { sourceId: 'screen:0:0', audio: false })).toBe(
      true,
    );
    expect(await answer).toEqual({ sourceId: 'screen:0:0', audio: false });
    // Answered once; a second answer changes nothing.
    expect(picker.answer(questions[0]!.requestId, { sourceId: 'screen:1:0', audio: false })).toBe(
      false,
    );
  });

  it('ignores an answer to a question it did not ask, and keeps waiting for the real one', async () => {
    const { picker, questions, ask } = asked();
    const answer = ask([offerOf(sources[0]!)], false);
    expect(picker.answer('AbCdEfGhIjKlMnOpQr_-09', { sourceId: 'screen:0:0', audio: false })).toBe(
      false,
    );
    picker.answer(questions[0]!.requestId, null);
    expect(await answer).toBeNull();
  });

  it('shares nothing when no answer comes', async () => {
    vi.useFakeTimers();
    const { ask } = asked();
    const answer = ask([], false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await answer).toBeNull();
  });

  it('cancels an open question when a new one comes', async () => {
    const { picker, questions, ask } = asked();
    const first = ask([], false);
    const second = ask([], false);
    expect(await first).toBeNull();
    expect(picker.answer(questions[0]!.requestId, { sourceId: 'screen:0:0', audio: false })).toBe(
      false,
    );
    picker.answer(questions[1]!.requestId, null);
    expect(await second).toBeNull();
  });

  it('shares nothing when the page cannot be asked', async () => {
    const picker = createScreenPicker();
    const answer = picker.ask(() => {
      throw new Error('frame destroyed');
    })([], false);
    expect(await answer).toBeNull();
  });
});
