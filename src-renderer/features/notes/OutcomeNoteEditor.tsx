import { useId } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { OutcomeNote } from './note-draft';
import type { SaveStatus } from './useOutcomeNote';
import { timeOfDay } from '../../i18n/dates';

/** The three parts of a next step, with the limits of the note schema. */
const stepFields = [
  { field: 'who', label: 'notes.stepWho', placeholder: 'notes.who', maxLength: 80 },
  { field: 'what', label: 'notes.stepWhat', placeholder: 'notes.what', maxLength: 500 },
  { field: 'due', label: 'notes.stepDue', placeholder: 'notes.due', maxLength: 40 },
] as const;

export interface OutcomeNoteEditorProps {
  note: OutcomeNote;
  status: SaveStatus;
  change: (update: (previous: OutcomeNote) => OutcomeNote) => void;
  /** In the call only: sends the outcomes to the client to confirm. */
  showForConfirmation?: () => void;
  onExport?: (format: 'markdown' | 'pdf') => void;
}

/** The agreed outcomes: goals, next steps (who, what, by when), next appointment, notes. */
export function OutcomeNoteEditor({
  note,
  status,
  change,
  showForConfirmation,
  onExport,
}: OutcomeNoteEditorProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const setGoal = (index: number, value: string) =>
    change((n) => ({ ...n, goals: n.goals.map((goal, i) => (i === index ? value : goal)) }));
  const setStep = (index: number, field: 'who' | 'what' | 'due', value: string) =>
    change((n) => ({
      ...n,
      steps: n.steps.map((step, i) => (i === index ? { ...step, [field]: value } : step)),
    }));

  return (
    <form
      className="notes"
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => event.preventDefault()}
    >
      <h2 id={`${id}-heading`}>{t('notes.heading')}</h2>
      <SaveState status={status} language={i18n.language} />
      <fieldset className="field">
        <legend>{t('notes.goals')}</legend>
        {note.goals.map((goal, index) => (
          <div className="row" key={index}>
            <input
              className="text-field grow"
              aria-label={t('notes.goalN', { n: index + 1 })}
              value={goal}
              maxLength={500}
              onChange={(e) => setGoal(index, e.target.value)}
            />
            {note.goals.length > 1 && (
              <button
                type="button"
                aria-label={t('notes.removeGoal', { n: index + 1 })}
                onClick={() =>
                  change((n) => ({ ...n, goals: n.goals.filter((_, i) => i !== index) }))
                }
              >
                ✕
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => change((n) => ({ ...n, goals: [...n.goals, ''] }))}>
          {t('notes.addGoal')}
        </button>
      </fieldset>
      <fieldset className="field">
        <legend>{t('notes.steps')}</legend>
        {note.steps.map((step, index) => (
          <div className="step" key={index}>
            {stepFields.map(({ field, label, placeholder, maxLength }) => (
              <input
                key={field}
                className="text-field"
                aria-label={t(label, { n: index + 1 })}
                placeholder={t(placeholder)}
                value={step[field]}
                maxLength={maxLength}
                onChange={(e) => setStep(index, field, e.target.value)}
              />
            ))}
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            change((n) => ({ ...n, steps: [...n.steps, { who: '', what: '', due: '' }] }))
          }
        >
          {t('notes.addStep')}
        </button>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-appointment`}>{t('notes.nextAppointment')}</label>
        <input
          id={`${id}-appointment`}
          className="text-field"
          value={note.nextAppointment}
          maxLength={120}
          onChange={(e) => change((n) => ({ ...n, nextAppointment: e.target.value }))}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-free`}>{t('notes.freeText')}</label>
        <textarea
          id={`${id}-free`}
          className="text-field"
          rows={4}
          value={note.freeText}
          maxLength={20_000}
          onChange={(e) => change((n) => ({ ...n, freeText: e.target.value }))}
        />
        <p className="hint">{t('notes.freeTextHint')}</p>
      </div>
      <div className="choice">
        <input
          id={`${id}-keep`}
          type="checkbox"
          checked={note.keep}
          onChange={(e) => change((n) => ({ ...n, keep: e.target.checked }))}
        />
        <label htmlFor={`${id}-keep`}>{t('notes.keep')}</label>
      </div>
      <p role="status" className="confirmation-state">
        {note.confirmation === null
          ? t('notes.notConfirmed')
          : note.confirmation.state === 'confirmed'
            ? t('notes.confirmed')
            : t('notes.commented', { comment: note.confirmation.comment })}
      </p>
      <div className="row">
        {showForConfirmation && (
          <button type="button" className="primary" onClick={showForConfirmation}>
            {t('notes.showForConfirmation')}
          </button>
        )}
        {onExport && (
          <>
            <button type="button" onClick={() => onExport('markdown')}>
              {t('notes.exportMarkdown')}
            </button>
            <button type="button" onClick={() => onExport('pdf')}>
              {t('notes.exportPdf')}
            </button>
          </>
        )}
      </div>
    </form>
  );
}

function SaveState({ status, language }: { status: SaveStatus; language: string }) {
  const { t } = useTranslation();
  switch (status.state) {
    case 'idle':
      return null;
    case 'saving':
      return (
        <p className="hint" role="status">
          {t('notes.saving')}
        </p>
      );
    case 'saved':
      return (
        <p className="hint" role="status">
          {t('notes.savedAt', {
            time: timeOfDay(new Date(status.at * 1000), language),
          })}
        </p>
      );
    case 'failed':
      return (
        <p className="alert" role="alert">
          {t(`errors.${status.problem}`)}
        </p>
      );
    case 'not-allowed':
      return (
        <p className="alert" role="alert">
          {t('notes.clientDeclined')}
        </p>
      );
  }
}
