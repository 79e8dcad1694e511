/**
 * The one IPC contract between the main process and the renderer.
 *
 * Main (ipcMain handlers, the browser-mode local API) and the preload import the schemas;
 * the renderer imports types only. Channel names are `domain:verb`.
 */
import { z } from 'zod';
import { MAX_SIGNED_PAYLOAD_BYTES, PUBLIC_KEY_PATTERN } from './host-signature';
import { MAX_LINK_LENGTH } from './limits';
import {
  MAX_ADDRESS_LENGTH,
  parseGuestPageAddress,
  parseServerAddress,
  type AddressProblem,
  type ParsedAddress,
} from './server-address';

/** 128 random bits, base64url: the only name a LiveKit room or participant ever gets. */
export const RandomId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be 22 base64url characters');
export const RoomName = RandomId;

/** A 256-bit call or waiting-room key, base64url. */
export const RoomKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 43 base64url characters');

/** A P-256 public key, base64url: the host's signing key, or a guest's one-time key. */
export const PublicKey = z.string().regex(PUBLIC_KEY_PATTERN, 'must be a P-256 public key');

const explainAddress: Record<AddressProblem, string> = {
  malformed: 'must be a server address',
  insecure: 'must use wss:// or https:// unless it is on this computer',
};

function addressSchema(parse: (text: unknown) => ParsedAddress) {
  return z
    .string()
    .trim()
    .max(MAX_ADDRESS_LENGTH)
    .superRefine((value, context) => {
      const parsed = parse(value);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: explainAddress[parsed.problem] });
    });
}

/** A LiveKit server address as the contract accepts it (see parseServerAddress). */
export const ServerAddress = addressSchema(parseServerAddress);

/** A guest page address as the contract accepts it (see parseGuestPageAddress). */
export const GuestPageAddress = addressSchema(parseGuestPageAddress);

/** Which key the call uses now: it changes whenever the host sends someone out. */
export const KeyIndex = z.number().int().min(0).max(1_000_000);

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
  serverUrl: ServerAddress,
  token: z.string().min(1),
  /** Seconds since the epoch. */
  expiresAt: z.number().int().positive(),
});

export const InviteValidity = z.enum(['today', '7-days']);

/** A name the host gives one link ("Herr K.", "Team Nord"): on this machine only. */
export const InviteLabel = z.string().trim().max(60);

/** Which of a consultation's links (0 for the first). */
const InviteNumber = z.number().int().min(0).max(11);

const InviteLinks = z.object({
  /** The guest page form, for any browser. */
  webUrl: z.string().url(),
  /** The `augenhoehe://join#…` form, which opens the desktop app. */
  appUrl: z.string(),
  expiresAt: z.number().int().positive(),
  /** Kept on this machine, encrypted like the consultation's label; never in the link. */
  label: z.string(),
  /** Withdrawn: whoever knocks with it is refused, and main lets nobody in with it. */
  revoked: z.boolean(),
});

/** What the host's app knows about one consultation. The label never leaves this machine. */
const Consultation = z.object({
  id: RandomId,
  label: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  callRoom: RoomName,
  waitingRoom: RoomName,
  /** The key the call uses now (see keyIndex). */
  callKey: RoomKey,
  keyIndex: KeyIndex,
  waitingKey: RoomKey,
  /** The public half of the consultation's signing key; the private half stays in main. */
  hostPublicKey: PublicKey,
  invites: z.array(InviteLinks),
});

/**
 * What the host's app needs to go on with a call after a reload: the current key, whom it
 * let in (with each guest's one-time key, to hand them the next key), and whom it sent out.
 */
const CallState = z.object({
  key: RoomKey,
  keyIndex: KeyIndex,
  admitted: z.array(z.object({ identity: RandomId, guestKey: PublicKey })),
  sentBack: z.array(RandomId),
  /** Waiting-room identities of withdrawn links: their knocks are refused at once. */
  revoked: z.array(RandomId),
});

/** A guest's knock: the consultation, her waiting-room identity (which invite), her one-time key. */
const Knock = z.object({ id: RandomId, waitingIdentity: RandomId, guestKey: PublicKey }).strict();
/** A token into the call's room for the identity it names. */
const CallEntry = z.object({ call: JoinGrant, identity: RandomId });

const ServerSettingsView = z.object({
  /** False until the worker has set up a server (or the local test server runs). */
  configured: z.boolean(),
  mode: z.enum(['local', 'custom']),
  serverUrl: z.string(),
  apiKey: z.string(),
  /** Whether a secret for `apiKey` is in the keychain; the secret itself never crosses. */
  hasSecret: z.boolean(),
  guestPageUrl: z.string(),
  /** The embedded local test server, when `npm start` runs one. */
  localServerAvailable: z.boolean(),
});

const CustomServer = z
  .object({
    serverUrl: ServerAddress,
    apiKey: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[\x21-\x7e]+$/, 'printable, no spaces'),
    /**
     * Omitted to keep the stored secret, which main uses only for the server address it
     * was saved with.
     */
    apiSecret: z.string().min(1).max(512).optional(),
  })
  .strict();

const NoteText = (max: number) => z.string().max(max);

/** The agreed outcomes of one session (Gesprächsergebnisse). Kept on the worker's machine only. */
export const OutcomeNote = z
  .object({
    id: RandomId,
    /** The consultation's local label, or one the worker typed. */
    label: NoteText(80),
    template: z.enum(['one-to-one', 'parents', 'team']),
    /** Seconds since the epoch. */
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    goals: z.array(NoteText(500)).max(20),
    steps: z
      .array(z.object({ who: NoteText(80), what: NoteText(500), due: NoteText(40) }).strict())
      .max(30),
    nextAppointment: NoteText(120),
    freeText: NoteText(20_000),
    /** Kept past the retention period. */
    keep: z.boolean(),
    /** What the client said when the outcomes were shown to them. */
    confirmation: z
      .object({
        state: z.enum(['confirmed', 'commented']),
        comment: NoteText(2000),
        at: z.number().int(),
        /** Which version of the outcomes was confirmed (see src-shared/outcomes.ts). */
        version: z
          .string()
          .regex(/^[A-Za-z0-9_-]{43}$/)
          .optional(),
      })
      .strict()
      .nullable(),
  })
  .strict();

const NoteSummary = z.object({
  id: RandomId,
  label: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  keep: z.boolean(),
  confirmed: z.boolean(),
  /** Seconds since the epoch; null when kept. */
  deleteAfter: z.number().int().nullable(),
});

const UnreadableNote = z.object({
  id: RandomId,
  /** Seconds since the epoch: when the file was last written. */
  savedAt: z.number().int(),
});
/** A screen or window the person may share, as the app's picker shows it. */
const ScreenSourceOffer = z
  .object({
    /** desktopCapturer's id: `screen:…` or `window:…`. */
    id: z.string().min(1).max(200),
    kind: z.enum(['screen', 'window']),
    name: z.string().max(200),
    /** A PNG data URL, or empty where there is no picture. */
    thumbnail: z.string().max(512 * 1024),
  })
  .strict();

const ScreenChoice = z
  .object({ sourceId: z.string().min(1).max(200), audio: z.boolean() })
  .strict();

export const ipcContract = {
  'app:info': {
    request: Empty,
    response: z.object({
      shell: z.enum(['electron', 'browser']),
      /**
       * `missing`: no OS keychain answered at start, so nothing that needs a key can be
       * kept (the page says so on its first screen). `memory`: the test app only.
       */
      secretStore: z.enum(['keychain', 'memory', 'missing']),
    }),
  },
  'settings:get': {
    request: Empty,
    response: ServerSettingsView,
  },
  'settings:test': {
    request: CustomServer,
    response: z.object({ reachable: z.literal(true) }),
  },
  'settings:save': {
    request: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('local') }).strict(),
      CustomServer.extend({ mode: z.literal('custom'), guestPageUrl: GuestPageAddress }).strict(),
    ]),
    response: ServerSettingsView,
  },
  'consultation:create': {
    request: z
      .object({
        label: z.string().trim().max(80),
        inviteCount: z.number().int().min(1).max(12),
        validity: InviteValidity,
      })
      .strict(),
    response: Consultation,
  },
  'consultation:list': {
    request: Empty,
    response: z.object({ consultations: z.array(Consultation) }),
  },
  'consultation:remove': {
    request: z.object({ id: RandomId }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  'consultation:host-tickets': {
    request: z.object({ id: RandomId }).strict(),
    response: z.object({ call: JoinGrant, waiting: JoinGrant, state: CallState }),
  },
  'consultation:open-door': {
    /**
     * A token into the call's room with no powers, for the guest whose knock this is: she
     * joins ahead while she waits.
     */
    request: Knock,
    response: CallEntry,
  },
  'consultation:admit': {
    request: Knock,
    response: CallEntry,
  },
  'consultation:send-back': {
    /**
     * Out of the call, back to the waiting room; the call moves to a new key. `revoke`: out
     * for good, the link they came with is withdrawn too.
     */
    request: z
      .object({ id: RandomId, identity: RandomId, revoke: z.boolean().optional() })
      .strict(),
    response: z.object({
      key: RoomKey,
      keyIndex: KeyIndex,
      removed: z.boolean(),
      /** The waiting-room identity of the link withdrawn (null: none, or not asked). */
      revokedInvite: RandomId.nullable(),
    }),
  },
  'consultation:label-invite': {
    /** Names one link on this machine; an empty label takes the name away. */
    request: z.object({ id: RandomId, invite: InviteNumber, label: InviteLabel }).strict(),
    response: Consultation,
  },
  'consultation:revoke-invite': {
    /**
     * Withdraws one link: main lets nobody in with it any more, the server removes whoever
     * waits with it, and the host's waiting room refuses its knocks. It cannot be undone.
     */
    request: z.object({ id: RandomId, invite: InviteNumber }).strict(),
    response: Consultation,
  },
  'consultation:sign': {
    /** A control message for the call (base64url); main signs only the app's own prefix. */
    request: z
      .object({
        id: RandomId,
        payload: z
          .string()
          .regex(/^[A-Za-z0-9_-]+$/)
          .max(Math.ceil((MAX_SIGNED_PAYLOAD_BYTES * 4) / 3)),
      })
      .strict(),
    response: z.object({ signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/) }),
  },
  'consultation:remove-participant': {
    request: z
      .object({ id: RandomId, room: z.enum(['call', 'waiting']), identity: RandomId })
      .strict(),
    response: z.object({ removed: z.boolean() }),
  },
  'notes:list': {
    request: Empty,
    response: z.object({
      notes: z.array(NoteSummary),
      /** Notes that could not be read (damaged, or their key is gone); the others are listed. */
      unreadable: z.number().int(),
      /**
       * The same notes, so the worker can see which and how old they are and remove them
       * with `notes:delete`: only what the file system knows, nothing of their content.
       */
      unreadableNotes: z.array(UnreadableNote),
    }),
  },
  'notes:get': {
    request: z.object({ id: RandomId }).strict(),
    response: OutcomeNote,
  },
  'notes:save': {
    request: OutcomeNote,
    response: z.object({ savedAt: z.number().int() }),
  },
  'notes:delete': {
    request: z.object({ id: RandomId }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  'notes:export': {
    request: z.object({ id: RandomId, format: z.enum(['markdown', 'pdf']) }).strict(),
    /** Written to a file the worker chose (desktop), or handed back to download (browser mode). */
    response: z.union([
      z.object({ written: z.literal(true) }),
      z.object({ written: z.literal(false), cancelled: z.literal(true) }),
      z.object({
        written: z.literal(false),
        download: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
      }),
    ]),
  },
  'links:open': {
    /** Only after the person confirmed; only http(s); in the system browser. */
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  'privacy:get': {
    request: Empty,
    response: z.object({ logRetentionDays: z.number().int(), noteRetentionDays: z.number().int() }),
  },
  'privacy:save': {
    request: z
      .object({
        logRetentionDays: z.number().int().min(1).max(90),
        noteRetentionDays: z.number().int().min(1).max(365),
      })
      .strict(),
    response: z.object({ logRetentionDays: z.number().int(), noteRetentionDays: z.number().int() }),
  },
  'screen:answer': {
    /** The person's choice in the app's screen picker, or null for "Abbrechen". */
    request: z.object({ requestId: RandomId, choice: ScreenChoice.nullable() }).strict(),
    response: z.object({ accepted: z.boolean() }),
  },
  'log:event': {
    request: z.object({ code: EventCode, fields: EventFields.optional() }).strict(),
    response: z.object({ logged: z.boolean() }),
  },
  'media:consent': {
    /**
     * What the person ticked, each time it changes: the desktop window may use camera and
     * microphone only as far as this says. `applied` is false where the browser asks itself.
     */
    request: z.object({ camera: z.boolean(), microphone: z.boolean() }).strict(),
    response: z.object({ applied: z.boolean() }),
  },
  'display:keep-awake': {
    /** True while in a call, false when it ends: the display does not go to sleep meanwhile. */
    request: z.object({ awake: z.boolean() }).strict(),
    response: z.object({ applied: z.boolean() }),
  },
  'notification:knock': {
    /**
     * A guest knocked: a system notification if the window is in the background, at most
     * one every 30 seconds. Main writes the text (no name in it); the page names the language.
     */
    request: z.object({ language: z.enum(['de', 'en']) }).strict(),
    response: z.object({ shown: z.boolean() }),
  },
} as const;

/** Messages main sends to the page on its own (Electron only). */
export const ipcEvents = {
  /** An `augenhoehe://join#…` link was opened; parsed and validated in main. */
  'deeplink:open': z.object({ fragment: z.string().max(MAX_LINK_LENGTH) }),
  /** The page asked for a screen: the picker shows these, and answers with `screen:answer`. */
  'screen:choose': z
    .object({
      requestId: RandomId,
      sources: z.array(ScreenSourceOffer).max(64),
      /** Whether the computer's sound can go along (Windows only). */
      audioAvailable: z.boolean(),
    })
    .strict(),
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;
export type IpcEventName = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.output<(typeof ipcEvents)[E]>;
export type ConsultationView = z.output<typeof Consultation>;
export type ServerSettingsViewType = z.output<typeof ServerSettingsView>;
export type OutcomeNoteView = z.output<typeof OutcomeNote>;
export type NoteSummaryView = z.output<typeof NoteSummary>;
export type UnreadableNoteView = z.output<typeof UnreadableNote>;
export type ScreenSourceOffer = z.output<typeof ScreenSourceOffer>;
export type ScreenChoice = z.output<typeof ScreenChoice>;
export type ScreenChoiceRequest = z.output<(typeof ipcEvents)['screen:choose']>;

export const ipcErrorCodes = [
  /** The request did not match the contract. */
  'invalid-request',
  /** The caller is not the app's own page (wrong origin, missing per-run token). */
  'forbidden',
  /** No LiveKit server is set up yet. */
  'not-configured',
  /** The LiveKit server could not be reached. */
  'server-unreachable',
  /** The LiveKit server refused the API key or secret. */
  'server-rejected',
  /** No API secret is stored for the configured key. */
  'no-credentials',
  /** The OS keychain is locked or missing. */
  'keychain-unavailable',
  /** No such consultation or note on this machine (removed or expired). */
  'not-found',
  /** The disk is full or read-only: nothing was written, the last saved version is intact. */
  'disk-full',
  /** A stored file cannot be read: damaged, or its key is gone. */
  'unreadable',
  /** This invite already let someone in who is still in the call. */
  'invite-used',
  /** The host withdrew this invite. */
  'invite-revoked',
  'internal',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

/** Errors cross the boundary as values: a code the UI can explain, never a stack or a message. */
export type IpcResult<C extends IpcChannel> =
  { ok: true; value: IpcResponse<C> } | { ok: false; error: { code: IpcErrorCode } };

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}
