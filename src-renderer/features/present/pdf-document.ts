/**
 * Opens a PDF on the presenter's device and turns its pages into images plus text. Only the
 * presenter ever parses the file; viewers get pictures. pdf.js runs with eval, scripting and
 * XFA off, and every step has a cap: bytes, pages, pixels and time.
 *
 * pdf.js comes in as an argument (`PdfEngine`): the browser build in the app, loaded only
 * when someone presents (pdf-engine.ts); its Node build in the unit tests.
 */
import type * as PdfJs from 'pdfjs-dist';
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import {
  PresentProblemError,
  type PagePreview,
  type PresentedDocument,
  type PresentProblem,
  type RenderedPage,
} from './presented-document';
import { displayFileName, presentationLimits, type PageImageFormat } from './transport';

/** The options object of pdf.js's getDocument (not its shorthand forms). */
export type DocumentOptions = Extract<Parameters<typeof PdfJs.getDocument>[0], { data?: unknown }>;

export interface PdfEngine {
  getDocument: (options: DocumentOptions) => ReturnType<typeof PdfJs.getDocument>;
  /**
   * Turns a canvas pdf.js has drawn on into image bytes, once per target: scaled to its
   * size, at its quality (0 to 1) where the format has one. One promise per target, encoded
   * in the targets' order, so the first is ready first. The canvas must stay untouched
   * until every promise has settled.
   */
  encode(canvas: unknown, targets: EncodeTarget[]): Promise<EncodedImage>[];
  /** Where this environment keeps pdf.js's own assets (fonts), if anywhere. */
  documentOptions?: Partial<DocumentOptions>;
}

export interface EncodeTarget {
  width: number;
  height: number;
  quality: number;
}

export interface EncodedImage {
  bytes: Uint8Array;
  format: PageImageFormat;
}

export const pdfLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxPages: presentationLimits.maxPages,
  /** Wide enough to zoom in twice on a phone and still read small print. */
  pageWidth: 1600,
  pageQuality: 0.9,
  /**
   * The preview that goes out first: a page fitted to a laptop's or a phone's screen is
   * about this wide, and at this size it fits in one or two data packets.
   */
  previewWidth: 560,
  previewQuality: 0.6,
  maxPagePixels: presentationLimits.maxImagePixels,
  maxPageSide: presentationLimits.maxImageSide,
  /** Images inside the PDF larger than this are left out (a 600 dpi A4 scan is 35 MP). */
  maxEmbeddedImagePixels: 50_000_000,
  maxTextLength: presentationLimits.maxTextLength,
  openTimeoutMs: 15_000,
  pageTimeoutMs: 10_000,
  /** Rendered pages kept, so going back and forth costs nothing. */
  cachedPages: 8,
};
export type PdfLimits = typeof pdfLimits;

/** The checks that need no parser: size, and whether it looks like a PDF at all. */
export function checkPdfBytes(
  bytes: Uint8Array,
  limits: Pick<PdfLimits, 'maxBytes'> = pdfLimits,
): void {
  if (bytes.byteLength === 0) throw new PresentProblemError('empty');
  if (bytes.byteLength > limits.maxBytes) throw new PresentProblemError('too-large');
  // Readers accept junk before the header within the first kilobyte; so does pdf.js.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new PresentProblemError('not-pdf');
}

export async function openPdf(
  file: { name: string; bytes: Uint8Array },
  engine: PdfEngine,
  limits: PdfLimits = pdfLimits,
): Promise<PresentedDocument> {
  checkPdfBytes(file.bytes, limits);
  const task = engine.getDocument({
    ...engine.documentOptions,
    // pdf.js takes ownership of the buffer it is given.
    data: new Uint8Array(file.bytes),
    isEvalSupported: false,
    enableXfa: false,
    useWasm: false,
    maxImageSize: limits.maxEmbeddedImagePixels,
    stopAtErrors: false,
    disableAutoFetch: true,
    disableStream: true,
    verbosity: 0,
  });
  let pdf: PDFDocumentProxy;
  try {
    pdf = await withDeadline(task.promise, limits.openTimeoutMs, 'too-slow');
  } catch (error) {
    void task.destroy();
    throw new PresentProblemError(openProblem(error));
  }
  if (pdf.numPages < 1) {
    void task.destroy();
    throw new PresentProblemError('empty');
  }
  if (pdf.numPages > limits.maxPages) {
    void task.destroy();
    throw new PresentProblemError('too-many-pages');
  }
  return new PdfPresentation(displayFileName(file.name), pdf, engine, limits, () => task.destroy());
}

function openProblem(error: unknown): PresentProblem {
  if (error instanceof PresentProblemError) return error.problem;
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'password';
  return 'damaged';
}

/** Whether a page's preview is drawn with its sharp image or on its own first (`#render`). */
type RenderOrder = 'together' | 'preview-first';

/** One page's render: its preview is ready first, the sharp image after it. */
interface PageRender {
  preview: Promise<PagePreview>;
  full: Promise<RenderedPage>;
}

/**
 * Canvases kept for the next pages. The first drawing into a new canvas of a page's size
 * allocates its pixels (14 MB at 1600 px wide), and pdf.js begins every page by filling
 * the whole canvas: on the bench machine that first fill took 60 to 140 ms of the
 * presenter's main thread, while the same fill on a kept canvas took about 1 ms. A page
 * and the pages either side of it are drawn at the same time, so two are kept.
 */
const SPARE_SURFACES = 2;

class PdfPresentation implements PresentedDocument {
  readonly pageCount: number;
  readonly #pages = new Map<number, PageRender>();
  readonly #spare: Surface[] = [];
  #closed = false;

  constructor(
    readonly fileName: string,
    private readonly pdf: PDFDocumentProxy,
    private readonly engine: PdfEngine,
    private readonly limits: PdfLimits,
    private readonly destroy: () => Promise<void>,
  ) {
    this.pageCount = pdf.numPages;
  }

  renderPage(page: number): Promise<RenderedPage> {
    const render = this.#pageRender(page, 'together');
    return render instanceof Error ? Promise.reject(render) : render.full;
  }

  previewPage(page: number): Promise<PagePreview> {
    const render = this.#pageRender(page, 'preview-first');
    return render instanceof Error ? Promise.reject(render) : render.preview;
  }

  /**
   * The page's render, started now or kept from before; an error for a page that cannot be.
   * `order` applies to a render started now: see `#render`.
   */
  #pageRender(page: number, order: RenderOrder): PageRender | Error {
    if (this.#closed) return new PresentProblemError('page-damaged');
    if (!Number.isInteger(page) || page < 1 || page > this.pageCount)
      return new RangeError('no such page');
    const cached = this.#pages.get(page);
    if (cached) {
      // Most recently used last, so the oldest is the one to drop.
      this.#pages.delete(page);
      this.#pages.set(page, cached);
      return cached;
    }
    const render = this.#render(page, order);
    this.#pages.set(page, render);
    // A failed page is tried again next time rather than remembered as failed.
    render.full.catch(() => {
      if (this.#pages.get(page) === render) this.#pages.delete(page);
    });
    while (this.#pages.size > this.limits.cachedPages) {
      const oldest = this.#pages.keys().next().value;
      if (oldest === undefined) break;
      this.#pages.delete(oldest);
    }
    return render;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pages.clear();
    for (const surface of this.#spare.splice(0)) this.#factory.destroy(surface);
    void this.destroy();
  }

  get #factory(): CanvasFactory {
    return this.pdf.canvasFactory as CanvasFactory;
  }

  /** A canvas of this size, kept from an earlier page (cleared) or new. */
  #surface(width: number, height: number): Surface {
    const kept = this.#spare.findIndex(
      ({ canvas }) => canvas.width === width && canvas.height === height,
    );
    const [surface] = kept < 0 ? [] : this.#spare.splice(kept, 1);
    if (!surface) return this.#factory.create(width, height);
    // Setting the size clears the pixels and the drawing state; the allocation stays.
    this.#factory.reset(surface, width, height);
    return surface;
  }

  #release(surface: Surface): void {
    if (this.#closed || this.#spare.length >= SPARE_SURFACES) this.#factory.destroy(surface);
    else this.#spare.push(surface);
  }

  /**
   * Renders a page: its preview is ready first, then its sharp image. Drawn `together`, the
   * page is drawn once at full size and both images are made from that drawing (the least
   * work: pages prepared ahead). `preview-first` (a page someone waits for, page 1 while the
   * presenter is asked) draws the preview on its own at its size first, about an eighth of
   * the pixels, so it is ready sooner, then the page at full size for the sharp image.
   */
  #render(pageNumber: number, order: RenderOrder): PageRender {
    let task: RenderTask | null = null;
    let previewReady: (preview: PagePreview) => void = () => {};
    const preview = new Promise<PagePreview>((resolve) => (previewReady = resolve));
    const work = (async (): Promise<RenderedPage> => {
      const page = await this.pdf.getPage(pageNumber);
      try {
        const { width, height, scale } = pageSize(page, this.limits);
        const { previewWidth, pageQuality, previewQuality } = this.limits;
        // A preview where the page is wider than one.
        const previewSize =
          width > previewWidth
            ? {
                width: previewWidth,
                height: Math.max(1, Math.round((height * previewWidth) / width)),
                quality: previewQuality,
              }
            : null;
        const textOnce = page
          .getTextContent()
          .then((content) => pageText(content, this.limits.maxTextLength));
        // Awaited below; a render that fails first leaves it unasked for.
        textOnce.catch(() => {});
        const early = (text: string, small: EncodedImage | null): PagePreview => ({
          page: pageNumber,
          text,
          preview:
            previewSize && small
              ? {
                  width: previewSize.width,
                  height: previewSize.height,
                  format: small.format,
                  image: small.bytes,
                }
              : null,
        });
        let first: PagePreview | null = null;
        if (order === 'preview-first' && previewSize) {
          const surface = this.#factory.create(previewSize.width, previewSize.height);
          try {
            const viewport = page.getViewport({ scale: (scale * previewSize.width) / width });
            task = page.render({ canvas: surface.canvas as HTMLCanvasElement, viewport });
            await task.promise;
            const [encoded] = this.engine.encode(surface.canvas, [previewSize]);
            if (!encoded) throw new Error('the preview was not encoded');
            first = early(await textOnce, await encoded);
            previewReady(first);
          } finally {
            this.#factory.destroy(surface);
          }
        }
        const surface = this.#surface(width, height);
        try {
          task = page.render({
            canvas: surface.canvas as HTMLCanvasElement,
            viewport: page.getViewport({ scale }),
          });
          await task.promise;
          const text = await textOnce;
          // Unless it is here already, the preview is encoded first; then the sharp image.
          const sharpSize = { width, height, quality: pageQuality };
          const targets = !first && previewSize ? [previewSize, sharpSize] : [sharpSize];
          const encoding = this.engine.encode(surface.canvas, targets);
          try {
            if (!first) {
              first = early(text, previewSize ? ((await encoding[0]) ?? null) : null);
              previewReady(first);
            }
            const sharp = await encoding[encoding.length - 1];
            if (!sharp) throw new Error('the page was not encoded');
            return { ...first, width, height, format: sharp.format, image: sharp.bytes };
          } finally {
            // The encoder reads the canvas until its last image is done.
            await Promise.allSettled(encoding);
          }
        } finally {
          this.#release(surface);
        }
      } finally {
        page.cleanup();
      }
    })();
    const full = withDeadline(work, this.limits.pageTimeoutMs, 'page-too-slow').catch(
      (error: unknown) => {
        (task as RenderTask | null)?.cancel();
        throw error instanceof PresentProblemError
          ? error
          : new PresentProblemError('page-damaged');
      },
    );
    // The preview fails with the page, if the page fails before the preview is there.
    const early = Promise.race([preview, full]);
    // Handled here: a prefetched page's preview may never be asked for.
    early.catch(() => {});
    return { preview: early, full };
  }
}

/** What pdf.js's canvas factory makes: a canvas and its 2D context. */
interface Surface {
  canvas: { width: number; height: number };
  context: unknown;
}

interface CanvasFactory {
  create(width: number, height: number): Surface;
  reset(surface: Surface, width: number, height: number): void;
  destroy(surface: Surface): void;
}

/** Fits the page into the pixel caps, keeping its proportions. */
export function pageSize(
  page: Pick<PDFPageProxy, 'getViewport'>,
  limits: Pick<PdfLimits, 'pageWidth' | 'maxPagePixels' | 'maxPageSide'>,
): { width: number; height: number; scale: number } {
  const natural = page.getViewport({ scale: 1 });
  const w = Math.max(natural.width, 1);
  const h = Math.max(natural.height, 1);
  const scale = Math.min(
    limits.pageWidth / w,
    Math.sqrt(limits.maxPagePixels / (w * h)),
    limits.maxPageSide / w,
    limits.maxPageSide / h,
  );
  return {
    width: Math.max(1, Math.floor(w * scale)),
    height: Math.max(1, Math.floor(h * scale)),
    scale,
  };
}

type TextContent = Awaited<ReturnType<PDFPageProxy['getTextContent']>>;

/** The page's text in reading order as pdf.js finds it: lines kept, runs of spaces folded. */
export function pageText(content: TextContent, maxLength: number): string {
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    text += item.hasEOL ? '\n' : item.str === '' ? '' : ' ';
  }
  const tidy = text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return tidy.length > maxLength ? tidy.slice(0, maxLength) : tidy;
}

function withDeadline<T>(work: Promise<T>, ms: number, problem: PresentProblem): Promise<T> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PresentProblemError(problem)), ms);
  });
  // Work that never yields to the timer (pdf.js drawing in promise callbacks, as in Node)
  // can end after the deadline before the timer has had its turn: too slow all the same.
  const inTime = work.then((result) => {
    if (performance.now() - started > ms) throw new PresentProblemError(problem);
    return result;
  });
  return Promise.race([inTime, deadline]).finally(() => clearTimeout(timer));
}
