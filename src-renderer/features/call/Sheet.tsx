import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { CloseButton } from './icons';
import { useFocusReturn } from './useFocusReturn';

export interface SheetProps {
  id?: string;
  /** The sheet's name; shown as its heading unless the content brings its own. */
  label: string;
  showHeading?: boolean;
  /** Undefined: the sheet stays until its question is answered. */
  onClose?: () => void;
  /** `prompt`: a question for the person (a card in the middle on a wide screen). */
  kind?: 'prompt' | 'panel';
  /** False where the content puts the focus itself (the answer buttons of a question). */
  takeFocus?: boolean;
  children: ReactNode;
}

/**
 * A sheet over the stage: on a phone it fills the space between the header and the control
 * bar (which stay in view), on a wide screen it is a card. Its body scrolls; the page never
 * does. Escape closes it, and the focus goes back where it came from.
 */
export function Sheet(props: SheetProps) {
  const { id, label, showHeading = true, onClose, kind = 'panel', takeFocus = true } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The focus goes back to the opener: this runs before the sheet takes the focus below.
  useFocusReturn();
  useEffect(() => {
    if (takeFocus) (headingRef.current ?? sectionRef.current)?.focus();
    // Only where the sheet first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <section
      ref={sectionRef}
      id={id}
      className="sheet"
      data-kind={kind}
      aria-labelledby={showHeading ? headingId : undefined}
      aria-label={showHeading ? undefined : label}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onClose) {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {(showHeading || onClose) && (
        <div className="sheet-head">
          {showHeading && (
            <h2 id={headingId} ref={headingRef} tabIndex={-1}>
              {label}
            </h2>
          )}
          {onClose && (
            <CloseButton className="sheet-close" label={t('screen.more.close')} onClick={onClose} />
          )}
        </div>
      )}
      <div className="sheet-body">{props.children}</div>
    </section>
  );
}
