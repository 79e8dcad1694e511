import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { FitIcon, SaveIcon, TextIcon, ZoomIcon } from '../call/icons';
import { useNarrow } from '../call/useNarrow';
import { digitsOf } from '../../app/whole-number';
import './present.css';
import { PageView, zoomIn, zoomOut, type Fit } from './PageView';
import type { PresentingState, ViewedPage, ViewingState } from './presentation-session';
import { downloadPage, savedPageFileName } from './save-page';
import type { PresentationProps } from './usePresentation';

export interface PresentationStageProps {
  presentation: PresentationProps;
  /** A participant's display name, from the call's encrypted names. */
  nameOf: (identity: string) => string | undefined;
  /**
   * Saves a page a viewer was allowed to save. A browser download where not given; the
   * desktop app blocks downloads and would pass a save dialog here.
   */
  savePage?: (page: ViewedPage, fileName: string) => void;
}

/** The presented page, for the presenter or a viewer; nothing when no one presents. */
export function PresentationStage({ presentation, nameOf, savePage }: PresentationStageProps) {
  const { t } = useTranslation();
  const { presenting, viewing, ended } = presentation;
  if (presenting) return <PresenterView presenting={presenting} actions={presentation} />;
  if (viewing)
    return (
      <ViewerView
        viewing={viewing}
        presenterName={nameOf(viewing.presenter) ?? t('present.someone')}
        savePage={savePage ?? downloadPage}
      />
    );
  if (ended === 'taken-over')
    return (
      <p className="notice" role="status">
        {t('present.takenOver')}
      </p>
    );
  return null;
}

/** Phones show the page as wide as the screen; larger screens the whole page. */
const initialFit = (): Fit => (window.matchMedia('(max-width: 600px)').matches ? 'width' : 'page');

/**
 * A button with an icon whose words are read out and shown as its tooltip, and shown
 * beside the icon on wide screens (`wide`) or never: every line of controls is a line
 * less for the page, and on a phone the icons alone keep them on one line.
 */
function IconButton(props: {
  icon: ReactNode;
  label: string;
  words: 'wide' | 'never';
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
}) {
  const { icon, label, words, onClick, disabled, pressed, expanded, controls } = props;
  const narrow = useNarrow();
  const shown = words === 'wide' && !narrow;
  return (
    <button
      type="button"
      className="with-icon"
      title={label}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
      aria-expanded={expanded}
      aria-controls={controls}
    >
      {icon}
      <span className={shown ? undefined : 'visually-hidden'}>{label}</span>
    </button>
  );
}

function ZoomControls(props: {
  fit: Fit;
  zoom: number;
  setFit: (fit: Fit) => void;
  setZoom: (zoom: number) => void;
}) {
  const { t } = useTranslation();
  const { fit, zoom, setFit, setZoom } = props;
  return (
    <>
      <IconButton
        icon={<ZoomIcon direction="out" />}
        label={t('present.zoomOut')}
        words="never"
        onClick={() => setZoom(zoomOut(zoom))}
        disabled={zoom <= 1}
      />
      <IconButton
        icon={<FitIcon fit={fit === 'width' ? 'page' : 'width'} />}
        label={fit === 'width' ? t('present.fitPage') : t('present.fitWidth')}
        words="never"
        pressed={fit === 'width'}
        onClick={() => {
          setFit(fit === 'width' ? 'page' : 'width');
          setZoom(1);
        }}
      />
      <IconButton
        icon={<ZoomIcon direction="in" />}
        label={t('present.zoomIn')}
        words="never"
        onClick={() => setZoom(zoomIn(zoom))}
        disabled={zoom >= 4}
      />
      <span className="zoom-level">
        <span className="visually-hidden">{t('present.zoomWord')} </span>
        {t('present.zoomPercent', { percent: Math.round(zoom * 100) })}
      </span>
    </>
  );
}

function PresenterView({
  presenting,
  actions,
}: {
  presenting: PresentingState;
  actions: PresentationProps;
}) {
  const { t } = useTranslation();
  const { fileName, pageCount, page, shown, allowSave, problem } = presenting;
  const { next, previous, showPage, setAllowSave, stop } = actions;
  const [fit, setFit] = useState<Fit>(initialFit);
  const [zoom, setZoom] = useState(1);
  /** What the presenter is typing into the page number; null shows the current page. */
  const [typed, setTyped] = useState<string | null>(null);
  const region = useRef<HTMLElement>(null);
  // Focus moves to the presentation, so the arrow keys work at once.
  useEffect(() => region.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' || event.altKey || event.ctrlKey || event.metaKey) return;
    // On a zoomed-in page the arrows move the page; elsewhere they turn it.
    if (zoom > 1 && event.key.startsWith('Arrow') && target.closest('.page-view')) return;
    const keys: Record<string, (() => void) | undefined> = {
      ArrowRight: next,
      PageDown: next,
      ArrowLeft: previous,
      PageUp: previous,
      Home: () => showPage?.(1),
      End: () => showPage?.(pageCount),
      '+': () => setZoom(zoomIn(zoom)),
      '=': () => setZoom(zoomIn(zoom)),
      '-': () => setZoom(zoomOut(zoom)),
      '0': () => setZoom(1),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <section
      ref={region}
      className="presentation"
      aria-labelledby="presenter-heading"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="presentation-head">
        <h2 id="presenter-heading">{t('present.presenterHeading', { fileName })}</h2>
        <p role="status">{t('present.pageOf', { page, count: pageCount })}</p>
      </div>
      {problem && (
        <p className="alert" role="alert">
          {t(`present.problem.${problem.problem}`, { page: problem.page })}{' '}
          {t('present.nothingSent')}
        </p>
      )}
      <PageView
        image={shown.image}
        format={shown.format}
        width={shown.width}
        height={shown.height}
        label={t('present.pageImage', { page, fileName })}
        fit={fit}
        zoom={zoom}
        onZoom={setZoom}
        allowSave
        fitFrameHeight
      />
      <div className="presentation-bar">
        <div
          className="presentation-controls"
          role="toolbar"
          aria-label={t('present.pageNavigation')}
        >
          <button type="button" onClick={previous} disabled={page <= 1}>
            {t('present.previous')}
          </button>
          <form
            className="page-number"
            onSubmit={(event) => {
              event.preventDefault();
              // Digits only (digitsOf), so any text left is a whole number.
              if (typed) showPage?.(Number(typed));
              setTyped(null);
            }}
          >
            <label htmlFor="presenter-page">{t('present.pageNumber')}</label>
            <input
              id="presenter-page"
              className="number-field"
              // A text field for digits, not type="number" (app/whole-number.ts says why).
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={typed ?? String(page)}
              onChange={(event) => setTyped(digitsOf(event.target.value))}
              onBlur={() => setTyped(null)}
            />
            <span>{t('present.ofCount', { count: pageCount })}</span>
          </form>
          <button type="button" className="primary" onClick={next} disabled={page >= pageCount}>
            {t('present.next')}
          </button>
        </div>
        <div className="presentation-controls">
          <ZoomControls fit={fit} zoom={zoom} setFit={setFit} setZoom={setZoom} />
        </div>
      </div>
      <div className="presentation-controls">
        <label className="choice">
          <input
            type="checkbox"
            checked={allowSave}
            onChange={(event) => setAllowSave?.(event.target.checked)}
          />
          {t('present.allowSaveNow')}
        </label>
        <button type="button" className="danger" onClick={stop}>
          {t('present.stop')}
        </button>
      </div>
      <p className="hint">{t('present.keys')}</p>
    </section>
  );
}

function ViewerView(props: {
  viewing: ViewingState;
  presenterName: string;
  savePage: (page: ViewedPage, fileName: string) => void;
}) {
  const { t } = useTranslation();
  const { viewing, presenterName, savePage } = props;
  const { fileName, pageCount, page, shown, allowSave } = viewing;
  const [fit, setFit] = useState<Fit>(initialFit);
  const [zoom, setZoom] = useState(1);
  const [textShown, setTextShown] = useState(false);
  const heading =
    page === null
      ? t('present.viewerStarting', { name: presenterName })
      : t('present.viewerHeading', { name: presenterName, page, count: pageCount });
  return (
    <section className="presentation" aria-labelledby="viewer-heading">
      <div className="presentation-head">
        <h2 id="viewer-heading" aria-live="polite">
          {heading}
        </h2>
        <p className="hint">{t('present.fileLabel', { fileName })}</p>
      </div>
      {shown ? (
        <PageView
          image={shown.image}
          format={shown.format}
          width={shown.width}
          height={shown.height}
          label={t('present.pageImage', { page: shown.page, fileName })}
          fit={fit}
          zoom={zoom}
          onZoom={setZoom}
          allowSave={allowSave}
          fitFrameHeight
        />
      ) : (
        <p className="status" role="status">
          {t('present.loadingPage')}
        </p>
      )}
      <div className="presentation-controls">
        <ZoomControls fit={fit} zoom={zoom} setFit={setFit} setZoom={setZoom} />
        <IconButton
          icon={<TextIcon />}
          label={t('present.pageText')}
          words="wide"
          expanded={textShown}
          controls="page-text"
          onClick={() => setTextShown((open) => !open)}
        />
        {/* Saving waits for the sharp image: the preview is only a stand-in. */}
        {allowSave && shown?.sharp && (
          <IconButton
            icon={<SaveIcon />}
            label={t('present.savePage')}
            words="wide"
            onClick={() =>
              savePage(
                shown,
                savedPageFileName(
                  t('present.savedName', {
                    name: fileName.replace(/\.pdf$/i, ''),
                    page: shown.page,
                  }),
                  shown.format,
                ),
              )
            }
          />
        )}
      </div>
      <p className="hint pinch-hint">{t('present.pinchHint')}</p>
      {/* The text is always there for screen readers; shown on request for reading it large. */}
      <div id="page-text" className={textShown ? 'page-text' : 'visually-hidden'}>
        {shown && (shown.text === '' ? t('present.noText') : shown.text)}
      </div>
    </section>
  );
}
