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
  return code === 'invalid-request' || code === 'forbidden' ? 'internal' : code;
}

/** Today's consultations on this machine, and creating and removing them. */
export function useConsultations(api: AppApi) {
  const [consultations, setConsultations] = useState<ConsultationView[]>([]);
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

  return { consultations, busy, problem, create, remove };
}
