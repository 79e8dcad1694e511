import { useCallback, useEffect, useMemo, useState } from 'react';
import { callPresentationTransport } from '../../livekit/presentation-transport';
import { canPresentHere } from '../present/PresentPdf';
import { usePresentation, usePresentationSession } from '../present/usePresentation';
import type { CallView } from './useCallSession';

/**
 * Presenting in this call: one presentation session on the call's sealed channel, from the
 * moment the call is first ready until it ends (a reconnect keeps it, so a presentation
 * survives a short cut). The host and co-hosts may present; a phone is not offered it.
 */
export function useCallPresentation(call: CallView) {
  const session = call.session;
  const [live, setLive] = useState<typeof session>(null);
  if (call.phase === 'ready' && session && live !== session) setLive(session);
  const transport = useMemo(() => (live ? callPresentationTransport(live) : null), [live]);
  const mayPresent = useCallback((identity: string) => live?.mayPresent(identity) ?? false, [live]);
  const presentation = usePresentationSession(transport, mayPresent);
  // A page sent while the line was down, or before this person was known, is asked for again.
  const steady = call.phase === 'ready' && !call.reconnecting;
  const hostKnown = call.hostIdentity !== null;
  useEffect(() => {
    if (steady && hostKnown) presentation?.resync();
  }, [presentation, steady, hostKnown]);
  const canPresent =
    call.phase === 'ready' && call.myIdentity !== null && mayPresent(call.myIdentity);
  return usePresentation(presentation, { canPresent: canPresent && canPresentHere() });
}
