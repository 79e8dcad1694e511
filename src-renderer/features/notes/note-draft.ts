import type { OutcomeNoteView } from '../../../src-shared/ipc-contract';
import { toBase64Url } from '../../../src-shared/base64url';

export type OutcomeNote = OutcomeNoteView;
export type NoteTemplate = OutcomeNote['template'];

/** A fresh note; the templates differ in the prompts they start with, not in structure. */
export function newNote(label: string, template: NoteTemplate, goalsPrompt: string[]): OutcomeNote {
  const now = Math.floor(Date.now() / 1000);
  return {
    id: toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
    label: label.slice(0, 80),
    template,
    createdAt: now,
    updatedAt: now,
    goals: goalsPrompt.length > 0 ? goalsPrompt : [''],
    steps: [{ who: '', what: '', due: '' }],
    nextAppointment: '',
    freeText: '',
    keep: false,
    confirmation: null,
  };
}

export { outcomesForClient } from '../../../src-shared/outcomes';
