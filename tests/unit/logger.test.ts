import { describe, expect, it } from 'vitest';
import { createLogger, createMemoryLogSink, type LogFields } from '../../src-main/services/logger';

const at = new Date(Date.UTC(2030, 0, 15, 9, 30, 0));
const t = '"t":"2030-01-15T09:30:00.000Z"';

/** Logs one event and returns the single line written. */
function logOnce(code: string, fields?: unknown): string {
  const sink = createMemoryLogSink();
  createLogger(sink, () => at).event(code, fields as LogFields | undefined);
  expect(sink.lines).toHaveLength(1);
  return sink.lines[0] ?? '';
}

describe('logger: what a line contains', () => {
  it.each<[string, unknown, string]>([
    ['call.joined', undefined, `{${t},"code":"call.joined"}`],
    ['call.joined', {}, `{${t},"code":"call.joined"}`],
    ['call.joined', { ms: 12, muted: true }, `{${t},"code":"call.joined","ms":12,"muted":true}`],
    [
      'media.camera_failed',
      { tries: 0, delta: -1.5 },
      `{${t},"code":"media.camera_failed","tries":0,"delta":-1.5}`,
    ],
    // Strings never reach the file, whatever they carry.
    ['call.joined', { name: 'Maria Muster' }, `{${t},"code":"call.joined"}`],
    [
      'call.joined',
      { room: 'AbCdEfGhIjKlMnOpQr_-09', ms: 3 },
      `{${t},"code":"call.joined","ms":3}`,
    ],
    ['call.joined', { ms: '12' }, `{${t},"code":"call.joined"}`],
    // Only finite numbers.
    [
      'call.joined',
      { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: 1 },
      `{${t},"code":"call.joined","d":1}`,
    ],
    // Other kinds of values.
    [
      'call.joined',
      { a: null, b: undefined, c: { name: 'Maria' }, d: ['Maria'], e: false },
      `{${t},"code":"call.joined","e":false}`,
    ],
    // Keys: lower case and underscores, at most 32 characters.
    [
      'call.joined',
      { Name: 1, MARIA: 2, 'room-id': 3, 'ms 2': 4, ms2: 5, ok: 6 },
      `{${t},"code":"call.joined","ok":6}`,
    ],
    [
      'call.joined',
      { ['a'.repeat(32)]: 1, ['b'.repeat(33)]: 2 },
      `{${t},"code":"call.joined","${'a'.repeat(32)}":1}`,
    ],
    ['call.joined', { 'maria@example.org': 1 }, `{${t},"code":"call.joined"}`],
    // A consultation's label or an invite link never gets through as a field.
    [
      'consultation.created',
      { label: 'Familie Muster', link: 'augenhoehe://join#v=2', invites: 2 },
      `{${t},"code":"consultation.created","invites":2}`,
    ],
  ])('%s with %j → %s', (code, fields, line) => {
    expect(logOnce(code, fields)).toBe(line);
  });

  it.each([
    ['call joined'],
    ['Call.joined'],
    ['call'],
    ['call.'],
    ['call.joined.'],
    ['.joined'],
    ['call.a.b.c.d'],
    ['call.joined2'],
    ['call-joined.x'],
    ['Maria Muster'],
    ['call.maria@example.org'],
    ['call.joined\n{"code":"forged"}'],
    [''],
  ])('replaces the bad code %j with log.rejected_code and drops its fields', (code) => {
    expect(logOnce(code, { ms: 1 })).toBe(`{${t},"code":"log.rejected_code"}`);
  });

  // Among them every code the main-process services write.
  it.each([
    ['call.joined'],
    ['ipc.rejected_sender'],
    ['call.a.b.c'],
    ['server.unreachable'],
    ['consultation.created'],
    ['consultation.host_joined'],
    ['consultation.guest_admitted'],
    ['consultation.participant_removed'],
    ['consultation.rooms_not_closed'],
    ['consultations.unreadable'],
  ])('accepts the code %j', (code) => {
    expect(JSON.parse(logOnce(code)).code).toBe(code);
  });

  it('writes one JSON object per line with only t, code and the fields', () => {
    const line = logOnce('call.invite_created', { valid_minutes: 60, name: 'Maria' });
    expect(line).not.toContain('\n');
    expect(Object.keys(JSON.parse(line))).toStrictEqual(['t', 'code', 'valid_minutes']);
  });

  // Any caller (the renderer too, via log:event) could otherwise forge a line's time or code.
  it.each<[LogFields]>([[{ t: 0 }], [{ code: 1 }]])(
    'a field %j cannot overwrite the timestamp or the event code',
    (fields) => {
      expect(JSON.parse(logOnce('call.joined', fields))).toMatchObject({
        t: '2030-01-15T09:30:00.000Z',
        code: 'call.joined',
      });
    },
  );
});

describe('createMemoryLogSink', () => {
  it('keeps every line in order', () => {
    const sink = createMemoryLogSink();
    const logger = createLogger(sink, () => at);
    logger.event('app.started');
    logger.event('call.created', { ms: 5 });
    expect(sink.lines.map((line) => JSON.parse(line).code)).toStrictEqual([
      'app.started',
      'call.created',
    ]);
  });
});
