/**
 * What presenting needs from the call core: sealed messages and sealed page images, each
 * handed over with the sender identity the message layer verified. The call core
 * implements this on its authenticated message layer; tests use an in-memory fake.
 *
 * Everything that arrives is parsed here again: a participant can send anything.
 */
import { z } from 'zod';

/** Caps shared by the presenter (what it may send) and the viewer (what it accepts). */
export const presentationLimits = {
  maxPages: 200,
  /** Longest side of a page image, in pixels. */
  maxImageSide: 4096,
  /** A rendered page, encoded; a dense A4 page at 1600 px wide is well under 1 MB. */
  maxImageBytes: 6 * 1024 * 1024,
  /** Characters of page text; a dense A4 page holds about 5,000. */
  maxTextLength: 20_000,
  maxFileNameLength: 120,
} as const;

/** Fresh for every presentation, so a late page of an old one is never shown in a new one. */
export const PresentationId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const PageNumber = z.number().int().min(1).max(presentationLimits.maxPages);
/** Counts page changes, so a page that arrives late never replaces a newer one. */
const Sequence = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const FileName = z.string().min(1).max(presentationLimits.maxFileNameLength);

export const pageImageFormats = ['image/webp', 'image/png', 'image/jpeg'] as const;
export type PageImageFormat = (typeof pageImageFormats)[number];

export const PresentationMessage = z.discriminatedUnion('type', [
  /** A presentation begins (or its settings change): shown only inside the room. */
  z
    .object({
      type: z.literal('start'),
      presentation: PresentationId,
      fileName: FileName,
      pageCount: PageNumber,
      /** Whether viewers may save the pages they are shown. */
      allowSave: z.boolean(),
    })
    .strict(),
  /** Everyone moves to this page; its image follows as a page stream. */
  z
    .object({
      type: z.literal('page'),
      presentation: PresentationId,
      page: PageNumber,
      sequence: Sequence,
    })
    .strict(),
  /** The presentation ends for everyone. */
  z.object({ type: z.literal('stop'), presentation: PresentationId }).strict(),
  /**
   * Sent by someone who has just started listening: whoever presents answers with the
   * current page, in case the news that they joined came before they listened.
   */
  z.object({ type: z.literal('sync') }).strict(),
]);
export type PresentationMessage = z.infer<typeof PresentationMessage>;

/** Travels with each page image. */
export const PageHeader = z
  .object({
    presentation: PresentationId,
    page: PageNumber,
    sequence: Sequence,
    width: z.number().int().min(1).max(presentationLimits.maxImageSide),
    height: z.number().int().min(1).max(presentationLimits.maxImageSide),
    format: z.enum(pageImageFormats),
    /** The page's text, for screen readers and for reading it enlarged. */
    text: z.string().max(presentationLimits.maxTextLength),
  })
  .strict();
export type PageHeader = z.infer<typeof PageHeader>;

export interface PresentationTransport {
  /** Sealed small JSON-able message to everyone (or some identities). */
  send(message: PresentationMessage, to?: string[]): Promise<void>;
  onMessage(listener: (message: PresentationMessage, from: string) => void): () => void;
  /** Sealed bytes (a page image), carried as a LiveKit byte stream. */
  sendPage(header: PageHeader, image: Uint8Array, to?: string[]): Promise<void>;
  onPage(listener: (header: PageHeader, image: Uint8Array, from: string) => void): () => void;
  /** Identities of everyone now in the call (to send the current page to a late joiner). */
  onJoined(listener: (identity: string) => void): () => void;
  /** Someone left the call: a presentation of theirs ends for everyone else. */
  onLeft(listener: (identity: string) => void): () => void;
}

/**
 * The format a page image really has, read from its first bytes; null for anything else.
 * A viewer shows an image only when this matches what its header says.
 */
export function sniffPageImage(bytes: Uint8Array): PageImageFormat | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  // RIFF....WEBP
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp';
  return null;
}

/** A file name as it may be shown: no folders, no control characters, not too long. */
export function displayFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control and bidi-override characters could make a name read as something else.
  const clean = base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  let shown = '';
  for (const character of clean === '' ? 'Dokument.pdf' : clean) {
    if (shown.length + character.length > presentationLimits.maxFileNameLength) break;
    shown += character;
  }
  return shown;
}
