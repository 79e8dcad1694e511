import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import { newParticipantIdentity } from './random-ids';

export interface ApiCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface JoinToken {
  token: string;
  identity: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * Everything a participant may do, and nothing more: no room admin, no recording, no
 * metadata of their own (names travel encrypted inside the room, never through the server).
 */
export function participantGrant(roomName: string): VideoGrant {
  return {
    room: roomName,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
    roomAdmin: false,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
    recorder: false,
    hidden: false,
    ingressAdmin: false,
  };
}

/** A token for one random identity in one room. No name, metadata or attributes. */
export async function mintJoinToken(
  credentials: ApiCredentials,
  roomName: string,
  validSeconds: number,
): Promise<JoinToken> {
  const identity = newParticipantIdentity();
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity,
    ttl: validSeconds,
  });
  token.addGrant(participantGrant(roomName));
  const jwt = await token.toJwt();
  // The expiry the app shows is the one the server enforces: read it from the signed token.
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp: number;
  };
  return { token: jwt, identity, expiresAt: claims.exp };
}
