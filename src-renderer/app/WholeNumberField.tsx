import { useId, useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { digitsOf, stepWholeNumber, wholeNumberIn } from './whole-number';

export interface WholeNumberFieldProps {
  id: string;
  min: number;
  max: number;
  /** The field's number, or null while what is typed is empty or out of range. */
  value: number | null;
  onChange: (value: number | null) => void;
  /** A hint's id, read out with the field (the range message is added by the field). */
  describedBy?: string;
}

/**
 * A field for a whole number in a range, with the phone's number keypad
 * (`inputmode="numeric"`). Only digits go in; the arrow keys step as a number field's do.
 * While the number is out of range the field says so in the app's language, and its
 * `value` is null: the form decides what to do with it (its own check, before it saves).
 */
export function WholeNumberField({
  id,
  min,
  max,
  value,
  onChange,
  describedBy,
}: WholeNumberFieldProps) {
  const { t } = useTranslation();
  const messageId = useId();
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  // A new value from outside (loaded, saved back) replaces what was typed. What is typed
  // always agrees with the value it reported: null for nothing or out of range, else its
  // number. (`draft !== String(value)`: a value from outside the range is shown as it is.)
  if (value !== null && wholeNumberIn(draft, min, max) !== value && draft !== String(value))
    setDraft(String(value));
  // An emptied field is not called wrong while the person types in it, only once they
  // leave it (or send the form, which leaves it).
  const [left, setLeft] = useState(false);
  const change = (next: string) => {
    setDraft(next);
    setLeft(false);
    onChange(wholeNumberIn(next, min, max));
  };
  const invalid = wholeNumberIn(draft, min, max) === null && (draft !== '' || left);
  return (
    <>
      <input
        id={id}
        className="number-field"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={draft}
        aria-invalid={invalid || undefined}
        // What is wrong is read before the hint.
        aria-describedby={
          [invalid ? messageId : undefined, describedBy].filter(Boolean).join(' ') || undefined
        }
        onChange={(event) => change(digitsOf(event.target.value))}
        onBlur={() => setLeft(true)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
          event.preventDefault();
          change(String(stepWholeNumber(draft, event.key === 'ArrowUp' ? 1 : -1, min, max)));
        }}
      />
      {invalid && (
        <p id={messageId} className="field-problem">
          {t('app.wholeNumber', { min, max })}
        </p>
      )}
    </>
  );
}
