/**
 * The presenter's PDF handling with the real pdf.js (its Node build): page count, text,
 * images within the caps, and a plain problem for every kind of bad file.
 */
import { createCanvas, loadImage, type Canvas } from '@napi-rs/canvas';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
  openPdf,
  pageSize,
  pdfLimits,
  type PdfEngine,
  type PdfLimits,
} from '../../../src-renderer/features/present/pdf-document';
import { pageImageSize, sniffPageImage } from '../../../src-renderer/features/present/transport';
import {
  damagedPdf,
  handoutPdf,
  nearColour,
  noisePng,
  oversizedPdf,
  pageColours,
  pageTextOf,
  passwordPdf,
} from '../../../scripts/test-pdfs';
import { nodePdfEngine } from './node-pdf-engine';

const open = (bytes: Uint8Array, name = 'Merkblatt.pdf', limits?: PdfLimits) =>
  openPdf({ name, bytes }, nodePdfEngine, limits);

const problem = (promise: Promise<unknown>) =>
  promise.then(
    () => 'opened',
    (error: { problem?: string }) => error.problem ?? String(error),
  );

/** Whether a page image shows test page n: its colour band near the top. */
async function showsPage(image: Uint8Array, n: number): Promise<boolean> {
  const picture = await loadImage(Buffer.from(image));
  const canvas = createCanvas(picture.width, picture.height);
  const context = canvas.getContext('2d');
  context.drawImage(picture, 0, 0);
  const [r = 0, g = 0, b = 0] = context.getImageData(
    picture.width / 2,
    picture.height * 0.15,
    1,
    1,
  ).data;
  return nearColour({ r, g, b }, pageColours[n - 1]!);
}

// pdf.js starts slowly on a busy two-core machine; the limit is generous, the work real.
const slow = { timeout: 60_000 };

describe('opening a PDF', slow, () => {
  it('knows its pages and renders each as an image with its text', async () => {
    const document = await open(await handoutPdf({ pages: 3 }));
    expect(document.pageCount).toBe(3);
    expect(document.fileName).toBe('Merkblatt.pdf');
    const page = await document.renderPage(2);
    expect(page.page).toBe(2);
    expect(page.text).toContain(pageTextOf(2));
    expect(page.text).toContain('Bitte bringen Sie den Bescheid mit.');
    expect(page.text).not.toContain(pageTextOf(1));
    expect(sniffPageImage(page.image)).toBe('image/png');
    expect(pageImageSize(page.image, 'image/png')).toEqual({
      width: page.width,
      height: page.height,
    });
    // A4 at 1600 px wide keeps its proportions.
    expect(page.width).toBe(1600);
    expect(page.height).toBe(Math.floor((842 / 595) * 1600));
    document.close();
  });

  it('makes a small preview of the same page, with its proportions', async () => {
    const document = await open(await handoutPdf({ pages: 3 }));
    const page = await document.renderPage(3);
    const preview = page.preview;
    expect(preview).not.toBeNull();
    if (!preview) return;
    expect(preview.width).toBe(pdfLimits.previewWidth);
    expect(preview.height).toBe(Math.round((page.height * preview.width) / page.width));
    expect(pageImageSize(preview.image, preview.format)).toEqual({
      width: preview.width,
      height: preview.height,
    });
    expect(preview.image.byteLength).toBeLessThan(page.image.byteLength);
    // The same page: page 3's colour at the top, as in the sharp image.
    expect(await showsPage(preview.image, 3)).toBe(true);
    document.close();
  });

  it('draws a page someone waits for small first, and a page prepared ahead once for both images', async () => {
    // What each encoding was asked for: the drawn canvas's width and the targets' widths.
    const encoded: { canvas: number; targets: number[] }[] = [];
    const watching: PdfEngine = {
      ...nodePdfEngine,
      encode: (canvas, targets) => {
        encoded.push({ canvas: (canvas as Canvas).width, targets: targets.map((t) => t.width) });
        return nodePdfEngine.encode(canvas, targets);
      },
    };
    const document = await openPdf(
      { name: 'Merkblatt.pdf', bytes: await handoutPdf({ pages: 2 }) },
      watching,
    );
    const early = await document.previewPage(1);
    // Ready from a drawing at its own size, before the page is drawn at full size.
    expect(encoded).toEqual([
      { canvas: pdfLimits.previewWidth, targets: [pdfLimits.previewWidth] },
    ]);
    expect(early.preview?.width).toBe(pdfLimits.previewWidth);
    expect(await showsPage(early.preview?.image ?? new Uint8Array(), 1)).toBe(true);
    expect(early.text).toContain(pageTextOf(1));
    const page = await document.renderPage(1);
    expect(encoded[1]).toEqual({ canvas: 1600, targets: [1600] });
    expect(page.preview?.image).toBe(early.preview?.image);
    expect(await showsPage(page.image, 1)).toBe(true);
    // A page prepared ahead (the next one): one drawing at full size, both images from it.
    await document.renderPage(2);
    expect(encoded[2]).toEqual({ canvas: 1600, targets: [pdfLimits.previewWidth, 1600] });
    document.close();
  });

  it('has the preview ready before the sharp image is encoded', async () => {
    // An encoder that holds the sharp image (the second target) until told.
    let releaseSharp = () => {};
    const sharpHeld = new Promise<void>((resolve) => (releaseSharp = resolve));
    const slowSharp: PdfEngine = {
      ...nodePdfEngine,
      encode: (canvas, targets) =>
        nodePdfEngine
          .encode(canvas, targets)
          .map((image, index) => (index === 0 ? image : sharpHeld.then(() => image))),
    };
    const document = await openPdf(
      { name: 'Merkblatt.pdf', bytes: await handoutPdf({ pages: 2 }) },
      slowSharp,
    );
    let sharpDone = false;
    const sharp = document.renderPage(2).then((page) => {
      sharpDone = true;
      return page;
    });
    const early = await document.previewPage(2);
    expect(sharpDone).toBe(false);
    expect(early.page).toBe(2);
    expect(early.text).toContain(pageTextOf(2));
    expect(early.preview?.width).toBe(pdfLimits.previewWidth);
    releaseSharp();
    const page = await sharp;
    expect(page.width).toBe(1600);
    // One render: the same preview, and the page rendered once.
    expect(page.preview?.image).toBe(early.preview?.image);
    document.close();
  });

  it('makes no preview of a page that is small already', async () => {
    const limits = { ...pdfLimits, pageWidth: 400 };
    const document = await open(await handoutPdf({ pages: 1 }), 'Merkblatt.pdf', limits);
    const page = await document.renderPage(1);
    expect(page.width).toBe(400);
    expect(page.preview).toBeNull();
    document.close();
  });

  it('prepares each page once while it is in the cache', async () => {
    const document = await open(await handoutPdf({ pages: 2 }));
    expect(document.renderPage(1)).toBe(document.renderPage(1));
    document.close();
    await expect(document.renderPage(1)).rejects.toMatchObject({ problem: 'page-damaged' });
  });

  it('draws later pages on the canvases of earlier ones, never one canvas for two pages at once', async () => {
    // Which canvas each page was drawn on, told by the colour band at its top.
    const drawnOn = new Map<number, unknown>();
    const watching: PdfEngine = {
      ...nodePdfEngine,
      encode: (canvas, targets) => {
        const { width, height } = canvas as Canvas;
        const [r = 0, g = 0, b = 0] = (canvas as Canvas)
          .getContext('2d')
          .getImageData(width / 2, height * 0.15, 1, 1).data;
        const page = pageColours.findIndex((colour) => nearColour({ r, g, b }, colour));
        drawnOn.set(page + 1, canvas);
        return nodePdfEngine.encode(canvas, targets);
      },
    };
    const document = await openPdf(
      { name: 'Merkblatt.pdf', bytes: await handoutPdf({ pages: 4 }) },
      watching,
    );
    // A page and its neighbours are drawn at the same time: three canvases.
    await Promise.all([1, 2, 3].map(async (page) => document.renderPage(page)));
    const first = [1, 2, 3].map((page) => drawnOn.get(page));
    expect(new Set(first).size).toBe(3);
    // The next page is drawn on one of them, cleared: its own colour is where it belongs.
    await document.renderPage(4);
    expect(drawnOn.has(4)).toBe(true);
    expect(first).toContain(drawnOn.get(4));
    document.close();
  });

  it('shows only the base name of the file, without control characters', async () => {
    const document = await open(await handoutPdf({ pages: 1 }), 'C:\\Akten\\Brief\u202Efdp.exe');
    expect(document.fileName).toBe('Brieffdp.exe');
    document.close();
  });
});

describe('bad files', slow, () => {
  it('a password-protected PDF: "password", though the file itself is sound', async () => {
    const locked = passwordPdf('geheim');
    expect(await problem(open(locked))).toBe('password');
    // The fixture is a real encrypted PDF: with its password, pdf.js reads it.
    const pdf = await getDocument({ data: locked.slice(), password: 'geheim', verbosity: 0 })
      .promise;
    const text = await (await pdf.getPage(1)).getTextContent();
    expect(text.items.map((item) => ('str' in item ? item.str : '')).join('')).toContain(
      'Vertraulich',
    );
    await pdf.destroy();
  });

  it.each([
    ['a damaged PDF', 'damaged', damagedPdf()],
    ['half a PDF', 'damaged', 'truncated'],
    ['an empty file', 'empty', new Uint8Array(0)],
    ['a picture', 'not-pdf', noisePng(8, 8)],
    ['a text file', 'not-pdf', new TextEncoder().encode('Liebe Frau M., anbei der Bescheid.')],
  ] as const)('%s: "%s"', async (_what, expected, bytes) => {
    const data = bytes === 'truncated' ? (await handoutPdf()).slice(0, 900) : bytes;
    expect(await problem(open(data))).toBe(expected);
  });

  it('a file larger than the cap: "too-large", before pdf.js sees it', async () => {
    const big = oversizedPdf(pdfLimits.maxBytes + 1);
    expect(await problem(open(big))).toBe('too-large');
  });

  it('more pages than the cap: "too-many-pages"', async () => {
    const many = await handoutPdf({ pages: pdfLimits.maxPages + 1 });
    expect(await problem(open(many))).toBe('too-many-pages');
  });

  it('a page that takes too long: "page-too-slow", and the document stays usable', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Schnell', { x: 50, y: 700, font, size: 20 });
    const heavy = doc.addPage();
    // Tens of thousands of tiny shapes: slow to draw on any machine.
    for (let i = 0; i < 10_000; i += 1)
      heavy.drawCircle({ x: (i * 7) % 590, y: (i * 13) % 840, size: 1 + (i % 3) });
    const bytes = await doc.save();
    const limits = { ...pdfLimits, pageTimeoutMs: 50 };
    const document = await open(bytes, 'Plan.pdf', limits);
    expect(await problem(document.renderPage(2))).toBe('page-too-slow');
    // With time enough, the other page renders: one slow page does not end the presentation.
    limits.pageTimeoutMs = pdfLimits.pageTimeoutMs;
    expect((await document.renderPage(1)).text).toBe('Schnell');
    document.close();
  });
});

describe('page size caps', () => {
  const page = (width: number, height: number) => ({
    getViewport: ({ scale }: { scale: number }) => ({
      width: width * scale,
      height: height * scale,
    }),
  });

  it.each([
    ['A4 portrait', 595, 842],
    ['A4 landscape', 842, 595],
    ['an A0 plan', 2384, 3370],
    ['a long receipt', 200, 20_000],
    ['a tiny label', 50, 20],
  ])('%s stays within width, pixel and side caps', (_what, w, h) => {
    const size = pageSize(page(w, h) as never, pdfLimits);
    expect(size.width).toBeLessThanOrEqual(pdfLimits.pageWidth);
    expect(size.width * size.height).toBeLessThanOrEqual(pdfLimits.maxPagePixels);
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(pdfLimits.maxPageSide);
    expect(size.width / size.height).toBeCloseTo(w / h, 1);
  });
});
