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

/** What is shown to the client: the agreements, not the worker's own notes. */
export function outcomesForClient(note: OutcomeNote) {
  return {
    goals: note.goals.map((goal) => goal.trim()).filter(Boolean),
    steps: note.steps.filter((step) => step.what.trim()).map((step) => ({ ...step })),
    nextAppointment: note.nextAppointment.trim(),
  };
}
