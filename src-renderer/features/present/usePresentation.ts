import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PresentedDocument } from './presented-document';
import {
  PresentationSession,
  type PresentationSessionOptions,
  type PresentationState,
} from './presentation-session';

export interface PresentationActions {
  /** Starts presenting after the presenter agreed; undefined where this person may not present. */
  present?: (document: PresentedDocument, allowSave: boolean) => Promise<void>;
  /** Presenter only, while presenting. */
  showPage?: (page: number) => void;
  next?: () => void;
  previous?: () => void;
  setAllowSave?: (allow: boolean) => void;
  stop?: () => void;
}

export type PresentationProps = PresentationState & PresentationActions;

/** One presentation session per call (per transport); it stops listening when the call ends. */
export function usePresentationSession(
  transport: PresentationSessionOptions['transport'] | null,
  mayPresent?: PresentationSessionOptions['mayPresent'],
): PresentationSession | null {
  const session = useMemo(
    () => (transport ? new PresentationSession({ transport, mayPresent }) : null),
    [transport, mayPresent],
  );
  useEffect(() => {
    if (!session) return;
    session.connect();
    return () => session.dispose();
  }, [session]);
  return session;
}

const nothing: PresentationState = { presenting: null, viewing: null, ended: null };
const noSubscription = () => () => {};
const noState = () => nothing;

/** The presentation's state plus what this person can do now. */
export function usePresentation(
  session: PresentationSession | null,
  options: { canPresent: boolean } = { canPresent: true },
): PresentationProps {
  const state = useSyncExternalStore(
    session?.subscribe ?? noSubscription,
    session?.getState ?? noState,
  );
  if (!session) return state;
  const presenting = state.presenting !== null;
  return {
    ...state,
    present:
      options.canPresent && !presenting
        ? (document, allowSave) => session.present(document, { allowSave })
        : undefined,
    showPage: presenting ? (page) => void session.showPage(page) : undefined,
    next: presenting ? () => void session.next() : undefined,
    previous: presenting ? () => void session.previous() : undefined,
    setAllowSave: presenting ? (allow) => void session.setAllowSave(allow) : undefined,
    stop: presenting ? () => void session.stop() : undefined,
  };
}
