import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDailyFileLogSink, deleteOldLogs } from '../../src-main/services/log-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augenhoehe-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Shortly after midnight UTC, so "today" is the same whatever the time zone. */
const now = new Date(Date.UTC(2030, 0, 15, 0, 5));

async function touch(...names: string[]): Promise<void> {
  for (const name of names) await writeFile(join(dir, name), '{"code":"app.started"}\n');
}

describe('deleteOldLogs', () => {
  it('deletes exactly the day logs older than the retention period', async () => {
    await touch(
      'augenhoehe-2030-01-15.log',
      'augenhoehe-2030-01-08.log', // 7 days back: still kept
      'augenhoehe-2030-01-07.log', // 8 days back: gone
      'augenhoehe-2029-12-31.log',
      'augenhoehe-2019-06-01.log',
      'augenhoehe-2030-02-01.log', // a clock that was wrong once: the future stays
    );
    expect(await deleteOldLogs(dir, 7, now)).toBe(3);
    expect((await readdir(dir)).sort()).toStrictEqual([
      'augenhoehe-2030-01-08.log',
      'augenhoehe-2030-01-15.log',
      'augenhoehe-2030-02-01.log',
    ]);
    expect(await deleteOldLogs(dir, 7, now)).toBe(0);
  });

  it('follows the setting: one day keeps today and yesterday', async () => {
    await touch(
      'augenhoehe-2030-01-15.log',
      'augenhoehe-2030-01-14.log',
      'augenhoehe-2030-01-13.log',
    );
    expect(await deleteOldLogs(dir, 1, now)).toBe(1);
    expect((await readdir(dir)).sort()).toStrictEqual([
      'augenhoehe-2030-01-14.log',
      'augenhoehe-2030-01-15.log',
    ]);
  });

  it('touches nothing but its own log files', async () => {
    const others = [
      'notes.enc',
      'augenhoehe-2001-01-01.log.bak',
      'augenhoehe-2001-01-01.txt',
      'other-2001-01-01.log',
      'augenhoehe-2001-1-1.log',
      'augenhoehe-2001-02-30.log',
      'Augenhoehe-2001-01-01.log',
    ];
    await touch(...others);
    expect(await deleteOldLogs(dir, 7, now)).toBe(0);
    expect((await readdir(dir)).sort()).toStrictEqual([...others].sort());
  });

  it('answers 0 for a folder that does not exist', async () => {
    expect(await deleteOldLogs(join(dir, 'missing'), 7, now)).toBe(0);
  });

  it('removes what the daily sink wrote once it is old enough', async () => {
    let clock = new Date(Date.UTC(2030, 0, 1, 12));
    const sink = createDailyFileLogSink(dir, () => clock);
    sink('{"code":"app.started"}');
    clock = new Date(Date.UTC(2030, 0, 15, 12));
    sink('{"code":"app.started"}');
    expect(await deleteOldLogs(dir, 7, clock)).toBe(1);
    expect(await readdir(dir)).toStrictEqual(['augenhoehe-2030-01-15.log']);
  });
});
