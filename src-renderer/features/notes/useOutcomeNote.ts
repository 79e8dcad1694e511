import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppApi } from '../../../src-shared/api-surface';
import type { Problem } from '../../app/ProblemScreen';
import { problemOf } from '../consultations/useConsultations';
import type { OutcomeNote } from './note-draft';

export type SaveStatus =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  /** The text stays on screen; the last saved version on disk is untouched. */
  | { state: 'failed'; problem: Problem }
  /** The client declined: nothing is written. */
  | { state: 'not-allowed' };

const AUTOSAVE_MS = 700;

/**
 * One outcome note being edited: every change is kept on screen at once and saved,
 * encrypted, shortly after typing stops. A failed save never loses what is on screen.
 */
export function useOutcomeNote(api: AppApi, initial: OutcomeNote, allowSave: boolean) {
  const [note, setNote] = useState(initial);
  const [status, setStatus] = useState<SaveStatus>({ state: 'idle' });
  const [dirty, setDirty] = useState(false);
  const latest = useRef(note);

  useEffect(() => {
    latest.current = note;
  }, [note]);

  useEffect(() => {
    if (!dirty) return;
    if (!allowSave) {
      const blocked = setTimeout(() => setStatus({ state: 'not-allowed' }), 0);
      return () => clearTimeout(blocked);
    }
    const timer = setTimeout(() => {
      const toSave = { ...latest.current, updatedAt: Math.floor(Date.now() / 1000) };
      setStatus({ state: 'saving' });
      void api.saveNote(toSave).then((result) => {
        if (result.ok) {
          setStatus({ state: 'saved', at: result.value.savedAt });
          if (latest.current === toSave || latest.current.updatedAt <= toSave.updatedAt)
            setDirty(false);
        } else {
          setStatus({ state: 'failed', problem: problemOf(result.error.code) });
        }
      });
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [api, note, dirty, allowSave]);

  const change = useCallback((update: (previous: OutcomeNote) => OutcomeNote) => {
    setNote((previous) => update(previous));
    setDirty(true);
  }, []);

  return { note, status, change };
}
