import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import { tokenExpiry } from '../../src-shared/base64url';
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

/** Nothing anyone may do, so each grant below says only what it adds. */
const none: VideoGrant = {
  roomJoin: false,
  canPublish: false,
  canSubscribe: false,
  canPublishData: false,
  canUpdateOwnMetadata: false,
  roomAdmin: false,
  roomCreate: false,
  roomList: false,
  roomRecord: false,
  recorder: false,
  hidden: false,
  ingressAdmin: false,
};

/**
 * Everyone in a call: media and data, and nothing more. No room admin, no recording, no
 * metadata of their own (names travel encrypted inside the room, never through the server).
 */
export function participantGrant(roomName: string): VideoGrant {
  return {
    ...none,
    room: roomName,
    roomJoin: true,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
  };
}

/**
 * A guest in the waiting room: no camera or microphone, only encrypted messages to the
 * host. Hidden, so waiting guests (say, two families) never learn of each other.
 *
 * This token travels in every invite link and its QR code, so it leaves out the powers
 * LiveKit's server grants only when they are present (its plain booleans: room admin,
 * create, list, record, recorder, ingress admin); what it grants when absent (publishing)
 * stays an explicit no. About 150 characters shorter: a QR code two sizes smaller.
 */
export function waitingGuestGrant(roomName: string): VideoGrant {
  return {
    room: roomName,
    roomJoin: true,
    canPublish: false,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
    hidden: true,
  };
}

/**
 * A guest who knocked, in the call's room ahead of "let in": hidden, and with no power at
 * all. She can neither receive nor send media or messages until the host lets her in, which
 * grants her the call's powers on the server (`RoomAdmin.letIn`); until then nobody in the
 * call sees her. What joining ahead saves is her connection's set-up (signalling, ICE,
 * DTLS: README, "The call joined ahead").
 */
export function doorGrant(roomName: string): VideoGrant {
  return { ...none, room: roomName, roomJoin: true, hidden: true };
}

/** The host in the waiting room: visible to the guests (so they can knock), no media. */
export function waitingHostGrant(roomName: string): VideoGrant {
  return { ...none, room: roomName, roomJoin: true, canSubscribe: true, canPublishData: true };
}

/**
 * A token for one identity (random unless given) with one grant. No name, metadata or
 * attributes.
 */
export async function mintToken(
  credentials: ApiCredentials,
  grant: VideoGrant,
  validSeconds: number,
  identity: string = newParticipantIdentity(),
): Promise<JoinToken> {
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity,
    ttl: validSeconds,
  });
  token.addGrant(grant);
  const jwt = await token.toJwt();
  // The expiry the app shows is the one the server enforces: read it from the signed token.
  const expiresAt = tokenExpiry(jwt);
  if (expiresAt === null) throw new Error('minted token without expiry');
  return { token: jwt, identity, expiresAt };
}

/** A call token (see participantGrant). */
export function mintJoinToken(
  credentials: ApiCredentials,
  roomName: string,
  validSeconds: number,
): Promise<JoinToken> {
  return mintToken(credentials, participantGrant(roomName), validSeconds);
}
