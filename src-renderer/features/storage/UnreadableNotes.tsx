import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { AppApi } from '../../../src-shared/api-surface';
import type { UnreadableNoteView } from '../../../src-shared/ipc-contract';
import type { Problem } from '../../app/ProblemScreen';
import { problemOf } from '../consultations/useConsultations';
import { numericDate, timeOfDay } from '../../i18n/dates';

/**
 * Outcome notes this machine cannot read (damaged, or their key is gone): which ones, by
 * the time they were last saved, and a way to remove them after a second confirmation.
 * Nothing of their content is known here, not even the label.
 */
export function UnreadableNotes({ api }: { api: AppApi }) {
  const { t, i18n } = useTranslation();
  const [notes, setNotes] = useState<UnreadableNoteView[]>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [removed, setRemoved] = useState(false);
  /** Where focus goes back to after "Keep": the button that asked. */
  const [returnFocus, setReturnFocus] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api.listNotes().then((result) => {
      // A locked keychain or a failed list is explained where the saved notes are shown.
      if (current && result.ok) setNotes(result.value.unreadableNotes);
    });
    return () => {
      current = false;
    };
  }, [api]);

  async function remove(id: string) {
    const result = await api.deleteNote({ id });
    if (!result.ok) return setProblem(problemOf(result.error.code));
    setConfirming(null);
    setProblem(null);
    setRemoved(true);
    setNotes((current) => current.filter((note) => note.id !== id));
    // The heading stays for the status line; focus goes where the list was.
    document.getElementById('unreadable-notes-heading')?.focus();
  }

  if (notes.length === 0 && !removed) return null;
  const when = (seconds: number) => {
    const date = new Date(seconds * 1000);
    return {
      date: numericDate(date, i18n.language),
      time: timeOfDay(date, i18n.language),
    };
  };

  return (
    <section className="panel" aria-labelledby="unreadable-notes-heading">
      <h2 id="unreadable-notes-heading" tabIndex={-1}>
        {t('storage.unreadableHeading')}
      </h2>
      {notes.length > 0 && <p>{t('storage.unreadableIntro')}</p>}
      {problem && (
        <p className="alert" role="alert">
          {t(`errors.${problem}`)}
        </p>
      )}
      <p role="status">{removed && notes.length === 0 ? t('storage.unreadableRemoved') : ''}</p>
      <ul className="consultations">
        {notes.map((note) => {
          const at = when(note.savedAt);
          return (
            <li key={note.id} className="consultation">
              <p>{t('storage.unreadableItem', at)}</p>
              {confirming === note.id ? (
                <div role="group" aria-label={t('storage.unreadableConfirm')}>
                  <p>{t('storage.unreadableConfirm')}</p>
                  <div className="row">
                    <button type="button" className="danger" onClick={() => void remove(note.id)}>
                      {t('storage.unreadableConfirmYes')}
                    </button>
                    <button
                      type="button"
                      // The safe choice takes the focus that left with the button that asked.
                      ref={(button) => button?.focus()}
                      onClick={() => {
                        setConfirming(null);
                        setReturnFocus(note.id);
                      }}
                    >
                      {t('storage.unreadableConfirmNo')}
                    </button>
                  </div>
                </div>
              ) : (
                <div className="row">
                  <button
                    type="button"
                    aria-label={t('storage.unreadableRemoveLabel', at)}
                    ref={(button) => {
                      if (button && returnFocus === note.id) {
                        button.focus();
                        setReturnFocus(null);
                      }
                    }}
                    onClick={() => setConfirming(note.id)}
                  >
                    {t('storage.unreadableRemove')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
