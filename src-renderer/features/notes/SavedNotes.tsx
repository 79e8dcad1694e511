import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { AppApi } from '../../../src-shared/api-surface';
import type { NoteSummaryView } from '../../../src-shared/ipc-contract';
import type { Problem } from '../../app/ProblemScreen';
import { problemOf } from '../consultations/useConsultations';
import { downloadFile } from './download';
import type { OutcomeNote } from './note-draft';
import { OutcomeNoteEditor } from './OutcomeNoteEditor';
import { useOutcomeNote } from './useOutcomeNote';
import { ConfirmQuestion } from '../../app/ConfirmQuestion';
import { numericDate } from '../../i18n/dates';

/** Outcomes saved on this machine: by label and date; open, edit, export, delete. */
export function SavedNotes({ api }: { api: AppApi }) {
  const { t, i18n } = useTranslation();
  const [notes, setNotes] = useState<NoteSummaryView[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [open, setOpen] = useState<OutcomeNote | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const show = useCallback((result: Awaited<ReturnType<AppApi['listNotes']>>) => {
    if (!result.ok) return setProblem(problemOf(result.error.code));
    setNotes(result.value.notes);
  }, []);
  useEffect(() => {
    let current = true;
    void api.listNotes().then((result) => current && show(result));
    return () => {
      current = false;
    };
  }, [api, show]);
  const refresh = async () => show(await api.listNotes());

  const date = (seconds: number) => numericDate(new Date(seconds * 1000), i18n.language);

  return (
    <section className="panel" aria-labelledby="saved-notes-heading">
      <h2 id="saved-notes-heading">{t('notes.savedHeading')}</h2>
      {problem && (
        <p className="alert" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      {notes.length === 0 && <p>{t('notes.noneSaved')}</p>}
      <ul className="consultations">
        {notes.map((summary) => (
          <li key={summary.id} className="consultation">
            <h3>{summary.label || t('consultations.untitled')}</h3>
            <p className="hint">
              {date(summary.updatedAt)} ·{' '}
              {summary.deleteAfter === null
                ? t('notes.kept')
                : t('notes.deleteAfter', { date: date(summary.deleteAfter) })}{' '}
              · {summary.confirmed ? t('notes.confirmed') : t('notes.notConfirmed')}
            </p>
            <div className="row">
              <button
                type="button"
                aria-label={t('notes.openLabel', { label: summary.label })}
                onClick={() =>
                  void api.getNote({ id: summary.id }).then((result) => {
                    if (result.ok) setOpen(result.value);
                    else setProblem(problemOf(result.error.code));
                  })
                }
              >
                {t('notes.open')}
              </button>
              <button
                type="button"
                aria-label={t('notes.deleteLabel', { label: summary.label })}
                aria-expanded={deleting === summary.id}
                onClick={() => setDeleting(summary.id)}
              >
                {t('notes.delete')}
              </button>
            </div>
            {deleting === summary.id && (
              <DeleteQuestion
                label={summary.label || t('consultations.untitled')}
                onDelete={async () => {
                  const result = await api.deleteNote({ id: summary.id });
                  if (!result.ok) setProblem(problemOf(result.error.code));
                  setDeleting(null);
                  await refresh();
                }}
                onCancel={() => setDeleting(null)}
              />
            )}
            {open?.id === summary.id && (
              <OpenNote
                api={api}
                note={open}
                onClose={() => {
                  setOpen(null);
                  void refresh();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Deleting outcomes cannot be undone: asked first, with "Abbrechen" focused. */
function DeleteQuestion(props: {
  label: string;
  onDelete: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmQuestion
      question={t('notes.deleteQuestion', { label: props.label })}
      yes={t('notes.deleteYes')}
      no={t('notes.deleteCancel')}
      onYes={props.onDelete}
      onCancel={props.onCancel}
    />
  );
}

function OpenNote({
  api,
  note: initial,
  onClose,
}: {
  api: AppApi;
  note: OutcomeNote;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { note, status, change } = useOutcomeNote(api, initial, true);
  return (
    <div className="open-note">
      <OutcomeNoteEditor
        note={note}
        status={status}
        change={change}
        onExport={(format) =>
          void api.exportNote({ id: note.id, format }).then((result) => {
            if (result.ok && 'download' in result.value) downloadFile(result.value.download);
          })
        }
      />
      <button type="button" onClick={onClose}>
        {t('notes.close')}
      </button>
    </div>
  );
}
