/**
 * Presenting a document in the call, for presenter and viewers alike, without React.
 *
 * The presenter renders a page on its own device, then sends it: nothing leaves before
 * the page is drawn, so a page that fails is never half-shown. A small preview goes first,
 * as soon as it is encoded (it also says which page is shown; a page without one gets a
 * `page` message once its image is ready), so everyone, the presenter too, sees the new
 * page within a packet or two; the sharp image follows and replaces it, and is skipped
 * when the presenter has moved on meanwhile. Only pages the presenter shows are
 * sent (never the next one ahead of time: it may hold something not meant for everyone).
 * Someone who joins late gets the current page at once; `stop` clears it everywhere.
 *
 * Viewers accept a presentation only from the identity that started it (as verified by
 * the message layer), follow the highest sequence number they have seen, and show a page
 * only when its image is what its header says it is.
 */
import { toBase64Url } from '../../../src-shared/base64url';
import {
  problemOf,
  type PageImage,
  type PagePreview,
  type PresentedDocument,
  type PresentProblem,
  type RenderedPage,
} from './presented-document';
import {
  PageHeader,
  PresentationMessage,
  pageImageSize,
  presentationLimits,
  sniffPageImage,
  type PresentationTransport,
} from './transport';

export interface PresentingState {
  fileName: string;
  pageCount: number;
  /** The page everyone sees now (1-based). */
  page: number;
  /** What is on it, as sent: its preview until the sharp image is ready. */
  shown: ShownPage;
  allowSave: boolean;
  /** A page that could not be shown; the presentation stays on `page`. */
  problem: { page: number; problem: PresentProblem | 'send-failed' } | null;
}

/** A page's image as the presenter shows it, with its number and text. */
export type ShownPage = PageImage & Pick<RenderedPage, 'page' | 'text'>;

export interface ViewingState {
  /** The presenter's identity, as the message layer verified it. */
  presenter: string;
  fileName: string;
  pageCount: number;
  /** The page the presenter shows now; its image may still be on its way. */
  page: number | null;
  /** The image for `page`, once it is here. */
  shown: ViewedPage | null;
  allowSave: boolean;
}

export interface ViewedPage {
  page: number;
  width: number;
  height: number;
  format: RenderedPage['format'];
  image: Uint8Array;
  text: string;
  /** False while only the preview is here. */
  sharp: boolean;
}

export interface PresentationState {
  presenting: PresentingState | null;
  viewing: ViewingState | null;
  /** Why the last presentation of mine ended without my asking. */
  ended: 'taken-over' | null;
}

export interface PresentationSessionOptions {
  transport: PresentationTransport;
  /**
   * Whether someone may present: the call core's rule (the host, or a guest the host
   * allowed). Anyone, where not given.
   */
  mayPresent?: (identity: string) => boolean;
  /** Viewer side: pages kept per presentation, so going back shows at once. */
  cachedPages?: number;
}

interface Presentation {
  id: string;
  document: PresentedDocument;
  allowSave: boolean;
  sequence: number;
  /** The page last asked for; a newer request makes an older render moot. */
  wanted: number;
}

interface Viewed {
  id: string;
  presenter: string;
  fileName: string;
  pageCount: number;
  allowSave: boolean;
  sequence: number;
  page: number | null;
  pages: Map<number, ViewedPage & { sequence: number }>;
}

const SYNC_INTERVAL_MS = 3000;

const empty: PresentationState = { presenting: null, viewing: null, ended: null };

export class PresentationSession {
  #state: PresentationState = empty;
  readonly #listeners = new Set<() => void>();
  #unsubscribe: (() => void)[] = [];
  readonly #transport: PresentationTransport;
  readonly #mayPresent: (identity: string) => boolean;
  readonly #cachedPages: number;
  #mine: Presentation | null = null;
  #shown: ShownPage | null = null;
  #viewed: Viewed | null = null;
  /** Images that came before their presentation's start message (streams can overtake). */
  #early: { from: string; header: PageHeader; image: Uint8Array }[] = [];
  /** Sends one after the other, so a page's message never overtakes the one before. */
  #outbox: Promise<void> = Promise.resolve();
  #disposed = false;
  /** When each person last asked for the current page. */
  readonly #synced = new Map<string, number>();

  constructor(options: PresentationSessionOptions) {
    this.#transport = options.transport;
    this.#mayPresent = options.mayPresent ?? (() => true);
    this.#cachedPages = options.cachedPages ?? 12;
  }

  /** Starts listening to the call (again, after dispose). Nothing happens before. */
  connect(): void {
    if (this.#unsubscribe.length > 0) return;
    this.#disposed = false;
    const t = this.#transport;
    this.#unsubscribe = [
      t.onMessage((message, from) => this.#receive(message, from)),
      t.onPage((header, image, from) => this.#receivePage(header, image, from)),
      t.onJoined((identity) => this.#joined(identity)),
      t.onLeft((identity) => this.#left(identity)),
    ];
    // If the call announced this person before these listeners were there, the presenter's
    // answer to that was lost; asking again costs one small message.
    void this.#transport.send({ type: 'sync' }).catch(() => {});
  }

  /**
   * Asks whoever presents for the current page again, while nothing is shown: after the
   * line came back (what was sent meanwhile is lost), or once the host is known.
   */
  resync(): void {
    if (this.#disposed || this.#unsubscribe.length === 0 || this.#viewed || this.#mine) return;
    void this.#transport.send({ type: 'sync' }).catch(() => {});
  }

  getState = (): PresentationState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * Starts presenting, after the presenter agreed. Page 1's preview is enough to begin
   * with: it goes out with the start, and the sharp image follows once it is encoded. If
   * page 1 fails before that, nothing is sent and the problem is thrown. Resolves once
   * page 1 is on its way.
   */
  async present(document: PresentedDocument, options: { allowSave: boolean }): Promise<void> {
    if (this.#disposed) throw new Error('session disposed');
    if (this.#mine) await this.stop();
    const early = await document.previewPage(1);
    // A page small enough to have no preview goes as it is: it must be there first.
    if (!early.preview) await document.renderPage(1);
    const presentation: Presentation = {
      id: newPresentationId(),
      document,
      allowSave: options.allowSave,
      sequence: 0,
      wanted: 1,
    };
    this.#mine = presentation;
    this.#shown = null;
    // Whatever someone else showed has ended for everyone: the newest presentation wins.
    this.#viewed = null;
    if (this.#state.viewing || this.#state.ended) this.#set({ viewing: null, ended: null });
    const started = this.#enqueue(() => this.#transport.send(this.#startMessage(presentation)));
    const { out } = this.#show(presentation, 1, 0, early, started);
    await out.catch(() => this.#sendFailed(presentation, 1));
  }

  /** Moves everyone to `page`; the presenter's view changes once the page is ready. */
  async showPage(page: number): Promise<void> {
    const presentation = this.#mine;
    if (!presentation) return;
    const target = Math.min(Math.max(Math.round(page), 1), presentation.document.pageCount);
    presentation.wanted = target;
    // Already on it ("Weiter" on the last page): nothing to send.
    if (target === this.#shown?.page) return;
    const { document } = presentation;
    // The preview is ready before the sharp image is encoded: it goes out at once.
    let early: PagePreview;
    try {
      early = await document.previewPage(target);
    } catch (error) {
      this.#pageFailed(presentation, target, error);
      return;
    }
    // Someone pressed "next" again meanwhile: only the newest page goes out.
    if (this.#mine !== presentation || presentation.wanted !== target) return;
    const sequence = (presentation.sequence += 1);
    await this.#show(presentation, target, sequence, early, Promise.resolve()).done;
  }

  /**
   * Shows a page whose preview is ready, after `before` has gone (the start, for page 1):
   * its preview to everyone at once, the presenter too; then the sharp image, in turn and
   * unless a newer page came first. `out`: the page is on its way (the preview sent, or a
   * page without one sent whole); `done`: everything of it sent.
   */
  #show(
    presentation: Presentation,
    target: number,
    sequence: number,
    early: PagePreview,
    before: Promise<void>,
  ): { out: Promise<void>; done: Promise<void> } {
    const { preview } = early;
    let sent = before;
    // The presentation's first page changes the presenter's whole screen (the stage makes
    // room for the page), about 100 ms of this main thread on the bench machine; the start
    // and the preview would wait behind it, so it follows once they have gone (handled
    // before a failed send is reported, so the report stays). Later pages show at once.
    let mineShown: Promise<void> = Promise.resolve();
    if (preview) {
      // Everyone sees the preview at once, the presenter too, until the sharp image is here.
      this.#shown = { ...preview, page: target, text: early.text };
      sent = before.then(() => this.#sendPreview(presentation, early, sequence));
      const showMine = () => {
        if (this.#mine === presentation) this.#set({ presenting: this.#presenting(null) });
      };
      if (sequence === 0) mineShown = sent.then(showMine, showMine);
      else showMine();
    }
    // The pages either side are drawn on this main thread, in slices that would hold back
    // each step of the preview's way out (sealing, the worker, the data channel): they
    // start once it has gone.
    void sent.catch(() => {}).then(() => this.#prefetch(presentation, target));
    const done = (async () => {
      let rendered: RenderedPage;
      try {
        rendered = await presentation.document.renderPage(target);
      } catch (error) {
        // With its preview out, everyone keeps that; without one, nothing of it was sent.
        if (!preview) this.#pageFailed(presentation, target, error);
        return sent.catch(() => this.#sendFailed(presentation, target));
      }
      // On the presenter's screen, once it shows this page at all.
      void mineShown.then(() => {
        if (this.#superseded(presentation, sequence)) return;
        this.#shown = rendered;
        this.#set({ presenting: this.#presenting(null) });
      });
      // The sharp image after its preview has gone: by then the presenter may have moved on.
      const all = preview
        ? sent.then(() => this.#sendSharp(presentation, rendered, sequence))
        : sent.then(() => this.#sendPage(presentation, rendered, sequence));
      await all.catch(() => this.#sendFailed(presentation, target));
    })();
    return { out: preview ? sent : done, done };
  }

  /** A page that cannot be shown: the presentation stays on the page before, and says why. */
  #pageFailed(presentation: Presentation, target: number, error: unknown): void {
    if (this.#mine !== presentation || presentation.wanted !== target) return;
    presentation.wanted = this.#shown?.page ?? 1;
    this.#set({
      presenting: this.#presenting({ page: target, problem: problemOf(error, 'page-damaged') }),
    });
  }

  next = (): Promise<void> => this.showPage((this.#mine?.wanted ?? 0) + 1);
  previous = (): Promise<void> => this.showPage((this.#mine?.wanted ?? 2) - 1);

  /** Lets viewers save pages, or not; they are told at once. */
  async setAllowSave(allowSave: boolean): Promise<void> {
    const presentation = this.#mine;
    if (!presentation || presentation.allowSave === allowSave) return;
    presentation.allowSave = allowSave;
    this.#set({ presenting: this.#presenting(this.#state.presenting?.problem ?? null) });
    await this.#enqueue(() => this.#transport.send(this.#startMessage(presentation))).catch(
      () => {},
    );
  }

  /** Ends my presentation for everyone. */
  async stop(): Promise<void> {
    const presentation = this.#mine;
    if (!presentation) return;
    this.#endMine();
    this.#set({ presenting: null });
    await this.#enqueue(() =>
      this.#transport.send({ type: 'stop', presentation: presentation.id }),
    ).catch(() => {});
  }

  /** Leaves the call: listeners off, the document closed, nothing more sent or shown. */
  dispose(): void {
    this.#disposed = true;
    this.#unsubscribe.forEach((unsubscribe) => unsubscribe());
    this.#unsubscribe = [];
    this.#endMine();
    this.#viewed = null;
    this.#early = [];
    this.#set(empty);
  }

  // Presenter side

  #presenting(problem: PresentingState['problem']): PresentingState | null {
    const presentation = this.#mine;
    const shown = this.#shown;
    if (!presentation || !shown) return null;
    return {
      fileName: presentation.document.fileName,
      pageCount: presentation.document.pageCount,
      page: shown.page,
      shown,
      allowSave: presentation.allowSave,
      problem,
    };
  }

  #startMessage(presentation: Presentation): PresentationMessage {
    return {
      type: 'start',
      presentation: presentation.id,
      fileName: presentation.document.fileName,
      pageCount: presentation.document.pageCount,
      allowSave: presentation.allowSave,
    };
  }

  /**
   * Sends a page: its preview at once, then (in turn with everything else) its sharp image.
   * The preview does not wait behind an earlier page's sharp image still on its way, so
   * "Weiter" shows within a packet's trip; the sequence number keeps that earlier image
   * from being shown over it. Without a preview, a `page` message goes ahead of the image.
   */
  async #sendPage(
    presentation: Presentation,
    page: RenderedPage,
    sequence: number,
    to?: string[],
  ): Promise<void> {
    await this.#sendPreview(presentation, page, sequence, to);
    await this.#sendSharp(presentation, page, sequence, to);
  }

  /** The preview, at once; or, for a page without one, a `page` message in turn. */
  async #sendPreview(
    presentation: Presentation,
    page: PagePreview,
    sequence: number,
    to?: string[],
  ): Promise<void> {
    if (this.#superseded(presentation, sequence)) return;
    const { preview } = page;
    if (preview)
      await this.#transport.sendPage(
        this.#header(presentation, page, sequence, preview, true),
        preview.image,
        to,
      );
    else
      await this.#enqueue(() =>
        this.#transport.send(
          { type: 'page', presentation: presentation.id, page: page.page, sequence },
          to,
        ),
      );
  }

  /** The sharp image, in turn with everything else, unless a newer page came first. */
  #sendSharp(
    presentation: Presentation,
    page: RenderedPage,
    sequence: number,
    to?: string[],
  ): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#superseded(presentation, sequence)) return;
      const header = this.#header(presentation, page, sequence, page, false);
      await this.#transport.sendPage(header, page.image, to);
    });
  }

  /**
   * Ended meanwhile, or a newer page is on its way (it reaches everyone, late joiners
   * included): this one would only cost time.
   */
  #superseded(presentation: Presentation, sequence: number): boolean {
    return this.#mine !== presentation || presentation.sequence !== sequence;
  }

  #header(
    presentation: Presentation,
    page: PagePreview,
    sequence: number,
    image: PageImage,
    preview: boolean,
  ): PageHeader {
    return {
      presentation: presentation.id,
      page: page.page,
      sequence,
      width: image.width,
      height: image.height,
      format: image.format,
      text: page.text,
      ...(preview ? { preview } : {}),
    };
  }

  #sendFailed(presentation: Presentation, page: number): void {
    if (this.#mine !== presentation) return;
    this.#set({ presenting: this.#presenting({ page, problem: 'send-failed' }) });
  }

  /** The pages either side, rendered here only, so "next" and "back" need no waiting. */
  #prefetch(presentation: Presentation, page: number): void {
    for (const neighbour of [page + 1, page - 1]) {
      if (neighbour >= 1 && neighbour <= presentation.document.pageCount)
        presentation.document.renderPage(neighbour).catch(() => {});
    }
  }

  #joined(identity: string): void {
    const presentation = this.#mine;
    const shown = this.#shown;
    if (!presentation || !shown) return;
    const sequence = presentation.sequence;
    void this.#enqueue(async () => {
      // Ended while earlier sends went out: a start now would bring it back for them.
      if (this.#mine !== presentation) throw new Error('ended');
      await this.#transport.send(this.#startMessage(presentation), [identity]);
    })
      // The page shown now, preview and sharp image (from the document's cache).
      .then(() => presentation.document.renderPage(shown.page))
      .then((page) => this.#sendPage(presentation, page, sequence, [identity]))
      .catch(() => {});
  }

  #endMine(): void {
    this.#mine?.document.close();
    this.#mine = null;
    this.#shown = null;
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#outbox.then(() => (this.#disposed ? undefined : work()));
    this.#outbox = run.catch(() => {});
    return run;
  }

  // Viewer side

  #receive(raw: PresentationMessage, from: string): void {
    const parsed = PresentationMessage.safeParse(raw);
    if (!parsed.success || this.#disposed) return;
    const message = parsed.data;
    const viewed = this.#viewed;
    switch (message.type) {
      case 'start': {
        if (!this.#mayPresent(from)) return;
        if (viewed && viewed.id === message.presentation && viewed.presenter === from) {
          // The same presentation with changed settings.
          viewed.allowSave = message.allowSave;
          this.#set({ viewing: this.#viewing() });
          return;
        }
        if (viewed?.id === message.presentation) return; // someone else reusing an id
        this.#viewed = {
          id: message.presentation,
          presenter: from,
          fileName: message.fileName,
          pageCount: message.pageCount,
          allowSave: message.allowSave,
          sequence: -1,
          page: null,
          pages: new Map(),
        };
        // Someone else presents now: mine ends here, theirs takes the stage.
        const takenOver = this.#mine !== null;
        if (takenOver) this.#endMine();
        const early = this.#early.filter(
          (e) => e.from === from && e.header.presentation === message.presentation,
        );
        this.#early = [];
        early.forEach((e) => this.#acceptPage(e.header, e.image));
        this.#set({
          viewing: this.#viewing(),
          ...(takenOver ? { presenting: null, ended: 'taken-over' as const } : {}),
        });
        return;
      }
      case 'page': {
        if (!viewed || viewed.id !== message.presentation || viewed.presenter !== from) return;
        if (message.page > viewed.pageCount || message.sequence <= viewed.sequence) return;
        viewed.sequence = message.sequence;
        viewed.page = message.page;
        this.#set({ viewing: this.#viewing() });
        return;
      }
      case 'sync': {
        // Answered at most every few seconds per person: it makes the presenter resend.
        const now = Date.now();
        if (now - (this.#synced.get(from) ?? -Infinity) < SYNC_INTERVAL_MS) return;
        this.#synced.set(from, now);
        this.#joined(from);
        return;
      }
      case 'stop': {
        if (!viewed || viewed.id !== message.presentation || viewed.presenter !== from) return;
        this.#viewed = null;
        this.#set({ viewing: null });
        return;
      }
    }
  }

  #receivePage(rawHeader: PageHeader, image: Uint8Array, from: string): void {
    const parsed = PageHeader.safeParse(rawHeader);
    if (!parsed.success || this.#disposed) return;
    const header = parsed.data;
    if (!(image instanceof Uint8Array) || image.byteLength > presentationLimits.maxImageBytes)
      return;
    if (sniffPageImage(image) !== header.format) return;
    const size = pageImageSize(image, header.format);
    if (size?.width !== header.width || size.height !== header.height) return;
    const viewed = this.#viewed;
    if (!viewed || viewed.id !== header.presentation) {
      // The newest few: a page's preview and sharp image, and one more.
      if (this.#mayPresent(from)) this.#early = [...this.#early.slice(-2), { from, header, image }];
      return;
    }
    if (viewed.presenter !== from) return;
    if (this.#acceptPage(header, image)) this.#set({ viewing: this.#viewing() });
  }

  /** Keeps a page image; true when it changes what is shown. */
  #acceptPage(header: PageHeader, image: Uint8Array): boolean {
    const viewed = this.#viewed;
    if (!viewed || header.page > viewed.pageCount) return false;
    const { page, width, height, format, text, sequence } = header;
    const sharp = header.preview !== true;
    const held = viewed.pages.get(page);
    viewed.pages.delete(page);
    // A page's pictures do not change within a presentation: a preview that arrives for a
    // page whose sharp image is here already (shown again, or late) only moves it on.
    if (held?.sharp && !sharp)
      viewed.pages.set(page, { ...held, sequence: Math.max(held.sequence, sequence) });
    else viewed.pages.set(page, { page, width, height, format, text, image, sequence, sharp });
    while (viewed.pages.size > this.#cachedPages) {
      const oldest = [...viewed.pages.keys()].find((n) => n !== viewed.page);
      if (oldest === undefined) break;
      viewed.pages.delete(oldest);
    }
    // The image can overtake its page message; its sequence number says it is current.
    if (sequence > viewed.sequence) {
      viewed.sequence = sequence;
      viewed.page = header.page;
    }
    return viewed.page === page;
  }

  #viewing(): ViewingState | null {
    const viewed = this.#viewed;
    if (!viewed) return null;
    const page = viewed.page === null ? undefined : viewed.pages.get(viewed.page);
    return {
      presenter: viewed.presenter,
      fileName: viewed.fileName,
      pageCount: viewed.pageCount,
      page: viewed.page,
      shown: page
        ? {
            page: page.page,
            width: page.width,
            height: page.height,
            format: page.format,
            image: page.image,
            text: page.text,
            sharp: page.sharp,
          }
        : null,
      allowSave: viewed.allowSave,
    };
  }

  #left(identity: string): void {
    if (this.#viewed?.presenter !== identity) return;
    this.#viewed = null;
    this.#set({ viewing: null });
  }

  #set(change: Partial<PresentationState>): void {
    this.#state = { ...this.#state, ...change };
    this.#listeners.forEach((listener) => listener());
  }
}

function newPresentationId(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
