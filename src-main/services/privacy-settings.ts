/** How long log files and outcome notes are kept on this machine. */
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from './encrypted-file';
import { ServiceError, writeOrDiskFull } from './service-error';
import { createWriteQueue } from './write-queue';

export interface RetentionSettings {
  logRetentionDays: number;
  noteRetentionDays: number;
}

export const defaultRetention: RetentionSettings = { logRetentionDays: 7, noteRetentionDays: 30 };

/** The same bounds as the `privacy:save` request, so a hand-edited file cannot go further. */
export const retentionLimits: Record<keyof RetentionSettings, { min: number; max: number }> = {
  logRetentionDays: { min: 1, max: 90 },
  noteRetentionDays: { min: 1, max: 365 },
};

export interface RetentionStore {
  read(): Promise<RetentionSettings>;
  write(settings: RetentionSettings): Promise<RetentionSettings>;
}

function valid(field: keyof RetentionSettings, value: unknown): value is number {
  const { min, max } = retentionLimits[field];
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Each setting on its own: a missing or broken value falls back to its default, not both. */
export function parseRetention(stored: unknown): RetentionSettings {
  const record = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  const settings = { ...defaultRetention };
  for (const field of Object.keys(defaultRetention) as (keyof RetentionSettings)[]) {
    if (valid(field, record[field])) settings[field] = record[field];
  }
  return settings;
}

/** Retention settings as a small JSON file (no secrets in it, so not encrypted). */
export function createJsonRetentionStore(file: string): RetentionStore {
  const exclusive = createWriteQueue();
  return {
    async read() {
      try {
        return parseRetention(JSON.parse(await readFile(file, 'utf8')));
      } catch {
        return { ...defaultRetention };
      }
    },
    write: (settings) =>
      exclusive(async () => {
        for (const field of Object.keys(defaultRetention) as (keyof RetentionSettings)[]) {
          if (!valid(field, settings[field])) throw new ServiceError('invalid-request');
        }
        const stored: RetentionSettings = {
          logRetentionDays: settings.logRetentionDays,
          noteRetentionDays: settings.noteRetentionDays,
        };
        await writeOrDiskFull(() =>
          writeFileAtomically(file, Buffer.from(`${JSON.stringify(stored, null, 2)}\n`)),
        );
        return stored;
      }),
  };
}
