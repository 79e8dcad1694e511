import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentProps,
  type ReactNode,
} from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import './present.css';
import { openPdfFile, preparePdfDisplay } from './open-file';
import { pdfLimits } from './pdf-document';
import { PageView } from './PageView';
import { useFocusReturn } from '../call/useFocusReturn';
import {
  problemOf,
  type PresentedDocument,
  type PresentProblem,
  type PageImage,
} from './presented-document';
import type { PresentationActions, PresentationProps } from './usePresentation';

/**
 * Whether this device is offered presenting at all: not on a phone, where rendering a PDF
 * is slow and a screen is too small to present from.
 */
export function canPresentHere(): boolean {
  return (
    typeof window !== 'undefined' &&
    !window.matchMedia('(pointer: coarse) and (max-width: 700px)').matches
  );
}

export interface PresentPdfOptions {
  /** Opens a chosen file on this device; the real PDF opener where not given. */
  openFile?: (file: File) => Promise<PresentedDocument>;
}

/**
 * "PDF zeigen" for the call's controls: the button's props (null where this person may not
 * present now) and its question, which belongs below the toolbar, not inside it.
 */
export function usePresentPdf(
  presentation: Pick<PresentationProps, 'present' | 'presenting'>,
  options: PresentPdfOptions = {},
): {
  buttonProps: ComponentProps<'button'> | null;
  /** What the button does, for the same action elsewhere ("Mehr" in a narrow window). */
  ask: (() => void) | null;
  question: ReactNode;
} {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const { present } = presentation;
  const { openFile } = options;
  const presenting = presentation.presenting !== null;
  const wasPresenting = useRef(presenting);
  // After "Präsentation beenden" the presenter's view is gone; focus comes back here.
  useEffect(() => {
    if (wasPresenting.current && !presenting && document.activeElement === document.body)
      button.current?.focus();
    wasPresenting.current = presenting;
  }, [presenting]);
  if (!present) return { buttonProps: null, ask: null, question: null };
  const ask = () => {
    setAsking(true);
    if (!openFile) preparePdfDisplay();
  };
  return {
    buttonProps: {
      ref: button,
      type: 'button',
      'aria-expanded': asking,
      children: t('present.start'),
      onClick: ask,
    },
    ask,
    question: asking ? (
      <PresentPdfDialog
        present={present}
        openFile={openFile ?? openPdfFile}
        onClose={() => {
          setAsking(false);
          button.current?.focus();
        }}
      />
    ) : null,
  };
}

type Step =
  | { name: 'choose' }
  | { name: 'opening' }
  | { name: 'problem'; problem: PresentProblem }
  | { name: 'confirm'; document: PresentedDocument; first: PageImage };

/**
 * The presenter's question before anything is sent: choose a file (input or drop), see its
 * name, page count and first page, then agree. Closing at any point sends nothing.
 */
export function PresentPdfDialog(props: {
  present: NonNullable<PresentationActions['present']>;
  openFile: (file: File) => Promise<PresentedDocument>;
  onClose: () => void;
}) {
  const { present, openFile, onClose } = props;
  const { t } = useTranslation();
  const id = useId();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [allowSave, setAllowSave] = useState(false);
  const [dragging, setDragging] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const attempt = useRef(0);
  const handedOver = useRef<PresentedDocument | null>(null);
  const opened = step.name === 'confirm' ? step.document : null;
  // Opened from "Mehr" in a narrow window, the bar's button is hidden: back to "Mehr" then.
  useFocusReturn();

  // The first control gets focus whenever the step changes. A passive effect on purpose:
  // opened from "Mehr", the sheet's own cleanup first puts the focus back on "Mehr", and only
  // then does useFocusReturn (above) take "Mehr" as the place to return to.
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, [step.name]);

  // A file dropped beside the drop area would make the browser open it and leave the call;
  // refused from before the question is painted.
  useLayoutEffect(() => {
    const stop = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  // A document opened but not presented is closed when the question goes away.
  useEffect(
    () => () => {
      if (opened && handedOver.current !== opened) opened.close();
    },
    [opened],
  );

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const mine = (attempt.current += 1);
    setStep({ name: 'opening' });
    try {
      const chosen = await openFile(file);
      try {
        // The question can be asked with page 1's preview; its sharp image (the slowest to
        // encode) replaces it when ready, and is not needed to begin.
        const early = await chosen.previewPage(1);
        const first = early.preview ?? (await chosen.renderPage(1));
        if (attempt.current !== mine) return chosen.close();
        setStep({ name: 'confirm', document: chosen, first });
        if (early.preview)
          void chosen
            .renderPage(1)
            .then((sharp) =>
              setStep((current) =>
                current.name === 'confirm' && current.document === chosen
                  ? { ...current, first: sharp }
                  : current,
              ),
            )
            .catch(() => {});
      } catch (error) {
        chosen.close();
        throw error;
      }
    } catch (error) {
      if (attempt.current !== mine) return;
      setStep({ name: 'problem', problem: problemOf(error, 'damaged') });
    }
  };

  const agree = async () => {
    if (step.name !== 'confirm') return;
    const { document: chosen } = step;
    try {
      // Handed over: the session closes it when the presentation ends.
      handedOver.current = chosen;
      await present(chosen, allowSave);
      attempt.current += 1;
      onClose();
    } catch (error) {
      handedOver.current = null;
      setStep({ name: 'problem', problem: problemOf(error, 'page-damaged') });
    }
  };

  const fileInput = (
    <>
      <input
        id={`${id}-file`}
        className="visually-hidden file-input"
        type="file"
        accept="application/pdf,.pdf"
        onChange={(event) => {
          void choose(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      <label htmlFor={`${id}-file`} className="button-like primary">
        {step.name === 'problem' ? t('present.chooseOther') : t('present.choose')}
      </label>
    </>
  );

  return (
    <div
      ref={dialog}
      className="notice present-dialog"
      role="dialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-text`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      {step.name === 'confirm' ? (
        <>
          <h2 id={`${id}-heading`}>
            {t('present.confirmHeading', { fileName: step.document.fileName })}
          </h2>
          <p id={`${id}-text`}>
            {t('present.pages', { count: step.document.pageCount })}. {t('present.confirmFirst')}
          </p>
          <div className="present-preview">
            <PageView
              image={step.first.image}
              format={step.first.format}
              width={step.first.width}
              height={step.first.height}
              label={t('present.pageImage', { page: 1, fileName: step.document.fileName })}
              fit="page"
              zoom={1}
              onZoom={() => {}}
              allowSave
            />
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={allowSave}
              onChange={(event) => setAllowSave(event.target.checked)}
            />
            {t('present.allowSave')}
          </label>
          <p className="hint">{t('present.allowSaveHint')}</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => void agree()}>
              {t('present.confirmYes')}
            </button>
            <button type="button" onClick={onClose}>
              {t('present.cancel')}
            </button>
          </div>
        </>
      ) : (
        <>
          <h2 id={`${id}-heading`}>{t('present.askHeading')}</h2>
          <p id={`${id}-text`}>{t('present.askExplain')}</p>
          {step.name === 'problem' && (
            <p className="alert" role="alert">
              {t(`present.problem.${step.problem}`, {
                megabytes: Math.round(pdfLimits.maxBytes / (1024 * 1024)),
                pages: pdfLimits.maxPages,
                page: 1,
              })}{' '}
              {t('present.nothingSent')}
            </p>
          )}
          {step.name === 'opening' ? (
            <p className="status" role="status">
              {t('present.opening')}
            </p>
          ) : (
            <div
              className={dragging ? 'drop-zone dragging' : 'drop-zone'}
              aria-label={t('present.dropZone')}
              role="group"
              onDragEnter={(event) => {
                event.preventDefault();
                setDragging(true);
              }}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'copy';
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(event) => {
                event.preventDefault();
                setDragging(false);
                void choose(event.dataTransfer.files[0]);
              }}
            >
              {fileInput}
              <span className="hint">{t('present.dropHere')}</span>
            </div>
          )}
          <div className="row">
            <button type="button" onClick={onClose}>
              {t('present.cancel')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
