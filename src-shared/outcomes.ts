/**
 * The agreed outcomes as the client is shown them, and which version a confirmation is for.
 * The host's app, the guest's page and main (for the export) compute the same version, so a
 * confirmation counts only for exactly what was shown: any later edit voids it everywhere.
 */
import { toBase64Url } from './base64url';

export interface ClientOutcomes {
  goals: string[];
  steps: { who: string; what: string; due: string }[];
  nextAppointment: string;
}

/** What is shown to the client: the agreements, not the worker's own notes. */
export function outcomesForClient(note: {
  goals: readonly string[];
  steps: readonly { who: string; what: string; due: string }[];
  nextAppointment: string;
}): ClientOutcomes {
  return {
    goals: note.goals.map((goal) => goal.trim()).filter(Boolean),
    steps: note.steps
      .filter((step) => step.what.trim())
      .map(({ who, what, due }) => ({ who, what, due })),
    nextAppointment: note.nextAppointment.trim(),
  };
}

/** SHA-256 over a fixed serialisation of exactly these outcomes, base64url. */
export async function outcomesVersion(outcomes: ClientOutcomes): Promise<string> {
  const canonical = JSON.stringify([
    outcomes.goals,
    outcomes.steps.map(({ who, what, due }) => [who, what, due]),
    outcomes.nextAppointment,
  ]);
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(canonical),
  );
  return toBase64Url(new Uint8Array(digest));
}

/** True when the note's confirmation is for the outcomes it holds now. */
export async function isConfirmationCurrent(note: {
  goals: readonly string[];
  steps: readonly { who: string; what: string; due: string }[];
  nextAppointment: string;
  confirmation: { version?: string } | null;
}): Promise<boolean> {
  if (!note.confirmation?.version) return false;
  return note.confirmation.version === (await outcomesVersion(outcomesForClient(note)));
}
