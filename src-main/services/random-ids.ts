import { randomBytes } from 'node:crypto';

/**
 * Room names and participant identities are 128 random bits, fresh for every session,
 * so the server operator cannot link two sessions of the same person.
 */
export function newRoomName(): string {
  return randomBytes(16).toString('base64url');
}

export function newParticipantIdentity(): string {
  return randomBytes(16).toString('base64url');
}
