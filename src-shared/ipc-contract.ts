/**
 * The one IPC contract between the main process and the renderer.
 *
 * Main (ipcMain handlers, the browser-mode local API) and the preload import the schemas;
 * the renderer imports types only. Channel names are `domain:verb`.
 */
import { z } from 'zod';

/** 128 random bits, base64url: the only name a LiveKit room ever gets. */
export const RoomName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'room name must be 22 base64url characters');

/** Event codes look like `call.joined` or `ipc.rejected`: lower case, dot separated, no data. */
export const EventCode = z
  .string()
  .regex(/^[a-z]+(?:\.[a-z_]+){1,3}$/)
  .max(64);

/** Log fields carry numbers and flags only, so no name, id or text can slip into a log. */
export const EventFields = z
  .record(z.string().regex(/^[a-z_]{1,32}$/), z.union([z.number().finite(), z.boolean()]))
  .refine((fields) => Object.keys(fields).length <= 8, 'at most 8 fields')
  .refine(
    (fields) => !('t' in fields) && !('code' in fields),
    't and code belong to the log line itself',
  );

const Empty = z.object({}).strict();

const JoinGrant = z.object({
  serverUrl: z.string().url(),
  token: z.string().min(1),
  /** Seconds since the epoch. */
  expiresAt: z.number().int().positive(),
});

export const ipcContract = {
  'app:info': {
    request: Empty,
    response: z.object({
      shell: z.enum(['electron', 'browser']),
      serverUrl: z.string().url(),
      localServer: z.boolean(),
      /** Where guests open their links (the renderer's web build). */
      guestPageUrl: z.string().url(),
    }),
  },
  'call:create': {
    request: Empty,
    response: z.object({ roomName: RoomName }),
  },
  'call:join': {
    request: z.object({ roomName: RoomName }).strict(),
    response: JoinGrant,
  },
  'call:invite': {
    request: z
      .object({
        roomName: RoomName,
        /** How long the link stays valid, in minutes (max 7 days). */
        validMinutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60),
      })
      .strict(),
    response: JoinGrant,
  },
  'log:event': {
    request: z.object({ code: EventCode, fields: EventFields.optional() }).strict(),
    response: z.object({ logged: z.boolean() }),
  },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;

export const ipcErrorCodes = [
  /** The request did not match the contract. */
  'invalid-request',
  /** The caller is not the app's own page (wrong origin, missing per-run token). */
  'forbidden',
  /** The LiveKit server could not be reached. */
  'server-unreachable',
  /** The LiveKit server refused the API key or secret. */
  'server-rejected',
  /** No API secret is stored for the configured key. */
  'no-credentials',
  'internal',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

/** Errors cross the boundary as values: a code the UI can explain, never a stack or a message. */
export type IpcResult<C extends IpcChannel> =
  { ok: true; value: IpcResponse<C> } | { ok: false; error: { code: IpcErrorCode } };

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}
