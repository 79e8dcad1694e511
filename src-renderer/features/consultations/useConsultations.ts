import { useCallback, useEffect, useState } from 'react';
import type { AppApi } from '../../../src-shared/api-surface';
import type { ConsultationView, IpcErrorCode } from '../../../src-shared/ipc-contract';
import type { Problem } from '../../app/ProblemScreen';

export interface NewConsultation {
  label: string;
  inviteCount: number;
  validity: 'today' | '7-days';
}

export function problemOf(code: IpcErrorCode): Problem {
  if (code === 'invalid-request' || code === 'forbidden') return 'internal';
  // Only the waiting room meets a withdrawn link (and says so to the guest).
  if (code === 'invite-revoked') return 'not-found';
  return code;
}

/** Consultations made in this window (their links show at once on the list). */
const madeHere = new Set<string>();
export const madeInThisWindow = (id: string): boolean => madeHere.has(id);

/** Today's consultations on this machine: creating and removing them, naming and withdrawing links. */
export function useConsultations(api: AppApi) {
  /** Null until the first list arrives: until then "none yet" would not be true. */
  const [consultations, setConsultations] = useState<ConsultationView[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const show = useCallback((result: Awaited<ReturnType<AppApi['listConsultations']>>) => {
    if (result.ok) setConsultations(result.value.consultations);
    else setProblem(problemOf(result.error.code));
  }, []);
  const refresh = async () => show(await api.listConsultations());

  useEffect(() => {
    let current = true;
    void api.listConsultations().then((result) => {
      if (current) show(result);
    });
    return () => {
      current = false;
    };
  }, [api, show]);

  const create = async (request: NewConsultation): Promise<ConsultationView | null> => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await api.createConsultation(request);
      if (!result.ok) {
        setProblem(problemOf(result.error.code));
        return null;
      }
      madeHere.add(result.value.id);
      await refresh();
      return result.value;
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    const result = await api.removeConsultation({ id });
    if (!result.ok) setProblem(problemOf(result.error.code));
    await refresh();
  };

  /** Main answers with the changed consultation: put it in place without a reload. */
  const replace = (changed: ConsultationView) =>
    setConsultations((all) => all && all.map((c) => (c.id === changed.id ? changed : c)));

  /** Names link `invite` (0 for the first); true once saved. */
  const labelInvite = async (id: string, invite: number, label: string): Promise<boolean> => {
    setProblem(null);
    const result = await api.labelInvite({ id, invite, label });
    if (!result.ok) {
      setProblem(problemOf(result.error.code));
      return false;
    }
    replace(result.value);
    return true;
  };

  /** Withdraws link `invite` for good; true once main recorded it. */
  const revokeInvite = async (id: string, invite: number): Promise<boolean> => {
    setProblem(null);
    const result = await api.revokeInvite({ id, invite });
    if (!result.ok) {
      setProblem(problemOf(result.error.code));
      return false;
    }
    replace(result.value);
    return true;
  };

  return { consultations, busy, problem, create, remove, labelInvite, revokeInvite };
}
