import { useState } from 'react';
import type { AppApi } from '../../../src-shared/api-surface';
import type { IpcErrorCode } from '../../../src-shared/ipc-contract';
import type { Problem } from '../../app/ProblemScreen';
import { newCallKey } from '../../livekit/call-key';
import { formatJoinLink } from '../../livekit/join-link';
import type { CallTicket } from '../call/useEncryptedCall';

/** How long a guest's link stays valid. */
export const INVITE_VALID_MINUTES = 4 * 60;

export interface PreparedCall {
  inviteUrl: string;
  /** Seconds since the epoch. */
  inviteExpiresAt: number;
  /** Mints the host's own token when they actually enter, so it is fresh. */
  ticket: () => Promise<CallTicket | Problem>;
}

export type HostCallState =
  | { status: 'idle' }
  | { status: 'preparing' }
  | { status: 'ready'; call: PreparedCall }
  | { status: 'failed'; problem: Problem };

function problemOf(code: IpcErrorCode): Problem {
  return code === 'invalid-request' || code === 'forbidden' ? 'internal' : code;
}

/** Prepares a consultation: a random room, a fresh key, and one invite link. */
export function useHostCall(api: AppApi) {
  const [state, setState] = useState<HostCallState>({ status: 'idle' });

  async function prepare(): Promise<void> {
    setState({ status: 'preparing' });
    const info = await api.getAppInfo();
    if (!info.ok) return setState({ status: 'failed', problem: problemOf(info.error.code) });
    const created = await api.createCall();
    if (!created.ok) return setState({ status: 'failed', problem: problemOf(created.error.code) });
    const { roomName } = created.value;
    const key = newCallKey();
    const invite = await api.inviteGuest({ roomName, validMinutes: INVITE_VALID_MINUTES });
    if (!invite.ok) return setState({ status: 'failed', problem: problemOf(invite.error.code) });
    const inviteUrl = formatJoinLink(info.value.guestPageUrl, {
      serverUrl: invite.value.serverUrl,
      token: invite.value.token,
      key,
    });
    const ticket = async (): Promise<CallTicket | Problem> => {
      const joined = await api.joinCall({ roomName });
      if (!joined.ok) return problemOf(joined.error.code);
      return { serverUrl: joined.value.serverUrl, token: joined.value.token, key };
    };
    setState({
      status: 'ready',
      call: { inviteUrl, inviteExpiresAt: invite.value.expiresAt, ticket },
    });
  }

  return { state, prepare };
}
