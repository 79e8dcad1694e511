import { randomBytes } from 'node:crypto';

/**
 * Room names, participant identities and consultation ids are 128 random bits, fresh for
 * every session, so the server operator cannot link two sessions of the same person.
 */
export function newRandomId(): string {
  return randomBytes(16).toString('base64url');
}

export const newRoomName = newRandomId;
export const newParticipantIdentity = newRandomId;

/** A 256-bit room key for end-to-end encryption. */
export function newRoomKey(): string {
  return randomBytes(32).toString('base64url');
}
