import { RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import type { ApiCredentials } from './call-tokens';

export type ServerProblem = 'server-unreachable' | 'server-rejected';

/** A failure talking to the LiveKit server, reduced to what the user can act on. */
export class LivekitServerError extends Error {
  constructor(readonly problem: ServerProblem) {
    super(problem);
    this.name = 'LivekitServerError';
  }
}

export interface RoomAdmin {
  /** Creates an empty room; with auto-create off on the server, only rooms made here exist. */
  createRoom(roomName: string): Promise<void>;
}

/** The HTTP address of the server API for a `ws://` or `wss://` signalling URL. */
export function serverApiUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:';
  return url.origin;
}

export function classifyServerFailure(error: unknown): ServerProblem {
  if (error instanceof TwirpError && (error.status === 401 || error.status === 403)) {
    return 'server-rejected';
  }
  return 'server-unreachable';
}

export function createRoomAdmin(serverUrl: string, credentials: ApiCredentials): RoomAdmin {
  const client = new RoomServiceClient(
    serverApiUrl(serverUrl),
    credentials.apiKey,
    credentials.apiSecret,
  );
  return {
    async createRoom(roomName) {
      try {
        await client.createRoom({
          name: roomName,
          // The host may take a few minutes to send the link before anyone joins.
          emptyTimeout: 10 * 60,
          departureTimeout: 20,
        });
      } catch (error) {
        throw new LivekitServerError(classifyServerFailure(error));
      }
    },
  };
}
