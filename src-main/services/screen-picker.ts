/**
 * The app's own screen picker, as plain functions. When the page asks for a screen,
 * main gathers the screens and windows, the page shows them (names, thumbnails, keyboard,
 * cancel), and only the source the person picked is shared. No answer, a cancel, a late
 * answer or an answer naming anything not offered all share nothing.
 */
import type {
  ScreenChoice,
  ScreenChoiceRequest,
  ScreenSourceOffer,
} from '../../src-shared/ipc-contract';
import { newRandomId } from './random-ids';

/** What Electron's desktopCapturer gives for each source (only what the picker uses). */
export interface CapturableSource {
  id: string;
  name: string;
  thumbnail: { isEmpty(): boolean; toDataURL(): string };
}

/** Thumbnails above this are dropped rather than sent to the page. */
const MAX_THUMBNAIL_CHARS = 512 * 1024;
const MAX_SOURCES = 64;

export function offerOf(source: CapturableSource): ScreenSourceOffer {
  const thumbnail = source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL();
  return {
    id: source.id,
    kind: source.id.startsWith('screen:') ? 'screen' : 'window',
    // Window titles can be anything; the page shows them as text, trimmed.
    name: source.name
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .trim()
      .slice(0, 200),
    thumbnail:
      thumbnail.startsWith('data:image/png;base64,') && thumbnail.length <= MAX_THUMBNAIL_CHARS
        ? thumbnail
        : '',
  };
}

/**
 * Sources in, the person's choice or nothing out. The answer must name a source that was
 * offered; the computer's sound goes along only where the platform can and they asked.
 */
export async function chooseScreen<S extends CapturableSource>(
  sources: readonly S[],
  ask: (offers: ScreenSourceOffer[], audioAvailable: boolean) => Promise<ScreenChoice | null>,
  audioAvailable: boolean,
): Promise<{ video: S; audio?: 'loopback' } | null> {
  const offered = sources.slice(0, MAX_SOURCES);
  if (offered.length === 0) return null;
  const choice = await ask(offered.map(offerOf), audioAvailable);
  if (!choice) return null;
  const video = offered.find((source) => source.id === choice.sourceId);
  if (!video) return null;
  return choice.audio && audioAvailable ? { video, audio: 'loopback' } : { video };
}

export interface ScreenPicker {
  /** Shows the offers in the page (through `send`) and waits for the answer. */
  ask(
    send: (request: ScreenChoiceRequest) => void,
  ): (offers: ScreenSourceOffer[], audioAvailable: boolean) => Promise<ScreenChoice | null>;
  /** The page's answer; false when no such question is open (answered, timed out, replaced). */
  answer(requestId: string, choice: ScreenChoice | null): boolean;
}

/** One open question at a time; a new one cancels the old, and none waits for ever. */
export function createScreenPicker(options: { timeoutMs?: number } = {}): ScreenPicker {
  const timeoutMs = options.timeoutMs ?? 120_000;
  let open: { requestId: string; settle: (choice: ScreenChoice | null) => void } | null = null;
  return {
    ask: (send) => (offers, audioAvailable) =>
      new Promise((resolve) => {
        open?.settle(null);
        const requestId = newRandomId();
        const timer = setTimeout(() => settle(null), timeoutMs);
        const settle = (choice: ScreenChoice | null) => {
          clearTimeout(timer);
          if (open?.requestId === requestId) open = null;
          resolve(choice);
        };
        open = { requestId, settle };
        try {
          send({ requestId, sources: offers, audioAvailable });
        } catch {
          settle(null);
        }
      }),
    answer: (requestId, choice) => {
      if (!open || open.requestId !== requestId) return false;
      open.settle(choice);
      return true;
    },
  };
}
