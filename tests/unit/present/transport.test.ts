/** What a viewer checks on what arrives, before it decodes or shows anything. */
import { describe, expect, it } from 'vitest';
import {
  displayFileName,
  PageHeader,
  pageImageSize,
  PresentationMessage,
  sniffPageImage,
} from '../../../src-renderer/features/present/transport';
import { noisePng } from '../../../scripts/test-pdfs';
import { fakePng } from './fake-document';

const riff = (chunk: string, body: number[]) =>
  new Uint8Array([
    ...[0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
    ...[...chunk].map((c) => c.charCodeAt(0)),
    ...[0, 0, 0, 0],
    ...body,
    ...new Array(16).fill(0),
  ]);

// Headers as the formats define them, for an image of 1600 x 2263 pixels.
const webpLossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x06, 0xd7, 0x08]);
const webpLossless = (() => {
  const bits = (1600 - 1) | ((2263 - 1) << 14);
  return riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]);
})();
const webpExtended = riff('VP8X', [0, 0, 0, 0, 0x3f, 0x06, 0x00, 0xd6, 0x08, 0x00]);
const jpeg = new Uint8Array([
  ...[0xff, 0xd8],
  ...[0xff, 0xe0, 0x00, 0x04, 0x00, 0x00], // APP0, skipped
  ...[0xff, 0xc0, 0x00, 0x11, 0x08, 0x08, 0xd7, 0x06, 0x40, 0x03],
  ...new Array(16).fill(0),
]);

describe('page images', () => {
  it.each([
    ['PNG', noisePng(37, 21), 'image/png', { width: 37, height: 21 }],
    ['lossy WebP', webpLossy, 'image/webp', { width: 1600, height: 2263 }],
    ['lossless WebP', webpLossless, 'image/webp', { width: 1600, height: 2263 }],
    ['extended WebP', webpExtended, 'image/webp', { width: 1600, height: 2263 }],
    ['JPEG', jpeg, 'image/jpeg', { width: 1600, height: 2263 }],
  ] as const)('%s: format and size read from the bytes', (_what, bytes, format, size) => {
    expect(sniffPageImage(bytes)).toBe(format);
    expect(pageImageSize(bytes, format)).toEqual(size);
  });

  it.each([
    ['an HTML page', new TextEncoder().encode('<html><script>alert(1)</script>')],
    ['an SVG', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['nothing', new Uint8Array(0)],
  ])('%s is no page image', (_what, bytes) => {
    expect(sniffPageImage(bytes)).toBeNull();
  });

  it('cannot read a size from a cut-off image', () => {
    expect(pageImageSize(fakePng(1).subarray(0, 20), 'image/png')).toBeNull();
    expect(pageImageSize(webpLossy.subarray(0, 24), 'image/webp')).toBeNull();
    expect(pageImageSize(jpeg.subarray(0, 8), 'image/jpeg')).toBeNull();
  });
});

describe('what may travel', () => {
  const presentation = 'AbCdEfGhIjKlMnOpQr_-09';
  const header = {
    presentation,
    page: 3,
    sequence: 2,
    width: 1600,
    height: 2263,
    format: 'image/webp',
    text: 'Seite 3',
  };

  it('accepts the messages and page headers the presenter sends', () => {
    for (const message of [
      { type: 'start', presentation, fileName: 'Merkblatt.pdf', pageCount: 12, allowSave: false },
      { type: 'page', presentation, page: 3, sequence: 2 },
      { type: 'stop', presentation },
      { type: 'sync' },
    ])
      expect(PresentationMessage.safeParse(message).success).toBe(true);
    expect(PageHeader.safeParse(header).success).toBe(true);
  });

  it.each([
    [
      'a page count over the cap',
      { type: 'start', presentation, fileName: 'a.pdf', pageCount: 201, allowSave: false },
    ],
    [
      'an empty file name',
      { type: 'start', presentation, fileName: '', pageCount: 1, allowSave: false },
    ],
    [
      'a name over 120 characters',
      { type: 'start', presentation, fileName: 'a'.repeat(121), pageCount: 1, allowSave: false },
    ],
    ['a made-up presentation id', { type: 'stop', presentation: 'x' }],
    ['page 0', { type: 'page', presentation, page: 0, sequence: 1 }],
    ['an extra field', { type: 'page', presentation, page: 1, sequence: 1, url: 'https://x' }],
  ])('refuses %s', (_what, message) => {
    expect(PresentationMessage.safeParse(message).success).toBe(false);
  });

  it.each([
    ['more pixels than a page may have', { width: 4096, height: 1000 }],
    ['an SVG', { format: 'image/svg+xml' }],
    ['a side over 4096', { width: 4097, height: 10 }],
  ])('refuses a page header with %s', (_what, change) => {
    expect(PageHeader.safeParse({ ...header, ...change }).success).toBe(false);
  });
});

describe('file names', () => {
  it.each([
    ['Merkblatt.pdf', 'Merkblatt.pdf'],
    ['C:\\Users\\berger\\Akten\\Bescheid.pdf', 'Bescheid.pdf'],
    ['/home/berger/Hilfeplan.pdf', 'Hilfeplan.pdf'],
    ['Rechnung\u202Efdp.exe', 'Rechnungfdp.exe'],
    ['\u0000\u0007', 'Dokument.pdf'],
    [`${'ä'.repeat(200)}.pdf`, 'ä'.repeat(120)],
  ])('%j is shown as %j', (name, shown) => {
    expect(displayFileName(name)).toBe(shown);
  });
});
