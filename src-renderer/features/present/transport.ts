/**
 * What presenting needs from the call core: sealed messages and sealed page images, each
 * handed over with the sender identity the message layer verified. The call core
 * implements this on its authenticated message layer; tests use an in-memory fake.
 *
 * Everything that arrives is parsed here again: a participant can send anything.
 */
import { z } from '../../platform/zod';

/** Caps shared by the presenter (what it may send) and the viewer (what it accepts). */
export const presentationLimits = {
  maxPages: 200,
  /** Longest side of a page image, in pixels. */
  maxImageSide: 4096,
  /** Pixels of a page image: a page decodes to at most 16 MB. */
  maxImagePixels: 4_000_000,
  /** A rendered page, encoded; a dense A4 page at 1600 px wide is well under 1 MB. */
  maxImageBytes: 6 * 1024 * 1024,
  /** Characters of page text; a dense A4 page holds about 5,000. */
  maxTextLength: 20_000,
  maxFileNameLength: 120,
} as const;

/** Fresh for every presentation, so a late page of an old one is never shown in a new one. */
export const PresentationId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
const PageNumber = z.int().check(z.gte(1), z.lte(presentationLimits.maxPages));
/** Counts page changes, so a page that arrives late never replaces a newer one. */
const Sequence = z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));
const FileName = z
  .string()
  .check(z.minLength(1), z.maxLength(presentationLimits.maxFileNameLength));

export const pageImageFormats = ['image/webp', 'image/png', 'image/jpeg'] as const;
export type PageImageFormat = (typeof pageImageFormats)[number];

export const PresentationMessage = z.discriminatedUnion('type', [
  /** A presentation begins (or its settings change): shown only inside the room. */
  z.strictObject({
    type: z.literal('start'),
    presentation: PresentationId,
    fileName: FileName,
    pageCount: PageNumber,
    /** Whether viewers may save the pages they are shown. */
    allowSave: z.boolean(),
  }),
  /** Everyone moves to this page; its image follows as a page stream. */
  z.strictObject({
    type: z.literal('page'),
    presentation: PresentationId,
    page: PageNumber,
    sequence: Sequence,
  }),
  /** The presentation ends for everyone. */
  z.strictObject({ type: z.literal('stop'), presentation: PresentationId }),
  /**
   * Sent by someone who has just started listening: whoever presents answers with the
   * current page, in case the news that they joined came before they listened.
   */
  z.strictObject({ type: z.literal('sync') }),
]);
export type PresentationMessage = z.infer<typeof PresentationMessage>;

/** Travels with each page image. */
const ImageSide = z.int().check(z.gte(1), z.lte(presentationLimits.maxImageSide));
export const PageHeader = z
  .strictObject({
    presentation: PresentationId,
    page: PageNumber,
    sequence: Sequence,
    width: ImageSide,
    height: ImageSide,
    format: z.enum(pageImageFormats),
    /** The page's text, for screen readers and for reading it enlarged. */
    text: z.string().check(z.maxLength(presentationLimits.maxTextLength)),
    /** A small image of the page, sent ahead of the sharp one, which replaces it. */
    preview: z.optional(z.boolean()),
  })
  .check(z.refine((header) => header.width * header.height <= presentationLimits.maxImagePixels));
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

/**
 * The pixel size an image's own bytes declare, read without decoding it; null when it
 * cannot be read. A viewer decodes a page only when this matches the header, so a small
 * file cannot unfold into a huge picture.
 */
export function pageImageSize(
  bytes: Uint8Array,
  format: PageImageFormat,
): { width: number; height: number } | null {
  const u16be = (at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  const u16le = (at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
  const u24le = (at: number) => u16le(at) | ((bytes[at + 2] ?? 0) << 16);
  const u32be = (at: number) => u16be(at) * 0x10000 + u16be(at + 2);
  const fourcc = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (format === 'image/png') {
    if (bytes.length < 24 || fourcc(12) !== 'IHDR') return null;
    return { width: u32be(16), height: u32be(20) };
  }
  if (format === 'image/webp') {
    if (bytes.length < 30) return null;
    const chunk = fourcc(12);
    if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a)
      return { width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
    if (chunk === 'VP8L' && bytes[20] === 0x2f) {
      const bits = u16le(21) + u16le(23) * 0x10000;
      return { width: (bits & 0x3fff) + 1, height: (Math.floor(bits / 0x4000) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { width: u24le(24) + 1, height: u24le(27) + 1 };
    return null;
  }
  // JPEG: walk the segments to the frame header (SOF0-15, without DHT, JPG and DAC).
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1] ?? 0;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { width: u16be(at + 7), height: u16be(at + 5) };
    at += 2 + u16be(at + 2);
  }
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
