import { outcomesForClient, outcomesVersion } from '../../src-shared/outcomes';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutcomeNoteView } from '../../src-shared/ipc-contract';
import {
  createNoteExporter,
  exportBaseName,
  noteToMarkdown,
  noteToPdf,
  type ChooseExportPath,
} from '../../src-main/services/note-export';
import { ServiceError } from '../../src-main/services/service-error';

/** 09:30 UTC, 15 January 2030: the same calendar day in every time zone a test runs in. */
const T0 = Date.UTC(2030, 0, 15, 9, 30) / 1000;

const outcomes = {
  goals: ['Jonas geht dreimal pro Woche pünktlich zur Schule', 'Abendroutine ausprobieren'],
  steps: [
    { who: 'Frau Müller', what: 'Termin beim Kinderarzt vereinbaren', due: 'bis Freitag' },
    { who: 'Fachkraft', what: 'Antrag auf Lernförderung vorbereiten', due: '22.01.2030' },
  ],
  nextAppointment: 'Dienstag, 21.01., 10 Uhr, Beratungsstelle Große Straße',
};
/** The version the client confirmed: exactly these outcomes. */
const version = await outcomesVersion(outcomesForClient(outcomes));

const note: OutcomeNoteView = {
  id: 'AbCdEfGhIjKlMnOpQrStUv',
  label: 'Familie Müller, Erziehungsberatung',
  template: 'parents',
  createdAt: T0,
  updatedAt: T0 + 3600,
  goals: ['Jonas geht dreimal pro Woche pünktlich zur Schule', 'Abendroutine ausprobieren'],
  steps: [
    { who: 'Frau Müller', what: 'Termin beim Kinderarzt vereinbaren', due: 'bis Freitag' },
    { who: 'Fachkraft', what: 'Antrag auf Lernförderung vorbereiten', due: '22.01.2030' },
  ],
  nextAppointment: 'Dienstag, 21.01., 10 Uhr, Beratungsstelle Große Straße',
  freeText: 'Stimmung offen.\nVater war zugeschaltet; Schulden beim Stromanbieter angesprochen.',
  keep: false,
  confirmation: { state: 'confirmed', comment: '', at: T0 + 1800, version },
};

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
  }).promise;
  const lines: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    for (const item of content.items) if ('str' in item) lines.push(item.str);
  }
  const pages = document.numPages;
  await document.destroy();
  return { pages, text: lines.join('\n') };
}

describe('noteToMarkdown', () => {
  it('has the label, date, goals, steps, appointment, notes and confirmation, in German', () => {
    const markdown = noteToMarkdown(note);
    expect(markdown).toContain('# Gesprächsergebnisse: Familie Müller, Erziehungsberatung\n');
    expect(markdown).toContain('Datum: 15.01.2030 · Elterngespräch');
    expect(markdown).toContain(
      '## Vereinbarte Ziele\n\n- Jonas geht dreimal pro Woche pünktlich zur Schule\n- Abendroutine ausprobieren\n',
    );
    expect(markdown).toContain(
      [
        '## Nächste Schritte',
        '',
        '| Wer | Was | Bis wann |',
        '| --- | --- | --- |',
        '| Frau Müller | Termin beim Kinderarzt vereinbaren | bis Freitag |',
        '| Fachkraft | Antrag auf Lernförderung vorbereiten | 22.01.2030 |',
      ].join('\n'),
    );
    expect(markdown).toContain(
      '## Nächster Termin\n\nDienstag, 21.01., 10 Uhr, Beratungsstelle Große Straße\n',
    );
    expect(markdown).toContain(
      '## Notizen\n\nStimmung offen.  \nVater war zugeschaltet; Schulden beim Stromanbieter angesprochen.\n',
    );
    expect(markdown).toMatch(
      /## Bestätigung\n\nVom Gegenüber bestätigt am 15\.01\.2030, \d\d:\d\d Uhr\.\n$/,
    );
  });

  it.each<[string, OutcomeNoteView['confirmation'], RegExp]>([
    ['not confirmed', null, /## Bestätigung\n\nNicht bestätigt\.\n$/],
    [
      'commented',
      { state: 'commented', comment: 'Der Termin am Dienstag passt nicht.', at: T0 },
      /Dem Gegenüber gezeigt am 15\.01\.2030, \d\d:\d\d Uhr, nicht bestätigt\.\n\nKommentar des Gegenübers: Der Termin am Dienstag passt nicht\.\n$/,
    ],
    [
      'confirmed with a comment',
      { state: 'confirmed', comment: 'Passt so.', at: T0 },
      /Vom Gegenüber bestätigt am 15\.01\.2030, \d\d:\d\d Uhr\.\n\nKommentar des Gegenübers: Passt so\.\n$/,
    ],
  ])('states the confirmation: %s', (_label, confirmation, expected) => {
    expect(noteToMarkdown({ ...note, confirmation })).toMatch(expected);
  });

  it('says so where a section is empty', () => {
    const markdown = noteToMarkdown({
      ...note,
      goals: ['  '],
      steps: [{ who: '', what: '', due: '' }],
      nextAppointment: '',
      freeText: '',
    });
    for (const heading of ['Vereinbarte Ziele', 'Nächste Schritte', 'Nächster Termin', 'Notizen']) {
      expect(markdown).toContain(`## ${heading}\n\nKeine Angaben.\n`);
    }
    expect(markdown).not.toContain('| Wer |');
  });

  it('keeps typed text as text: no headings, tables, links or HTML of its own', () => {
    const markdown = noteToMarkdown({
      ...note,
      label: '# Fall | <b>X</b>',
      goals: ['- [klick](http://x.example) *fett*'],
      steps: [{ who: 'A | B', what: 'eins\nzwei', due: '`heute`' }],
      freeText: '## keine Überschrift\n1. keine Liste',
    });
    expect(markdown).toContain('# Gesprächsergebnisse: \\# Fall \\| \\<b\\>X\\</b\\>\n');
    expect(markdown).toContain('- \\- \\[klick\\](http://x.example) \\*fett\\*\n');
    expect(markdown).toContain('| A \\| B | eins<br>zwei | \\`heute\\` |');
    expect(markdown).toContain('\\#\\# keine Überschrift  \n\\1. keine Liste');
    expect(markdown.match(/^## /gm)).toHaveLength(5);
  });

  it('speaks English when asked', () => {
    const markdown = noteToMarkdown(note, 'en');
    for (const heading of [
      '# Session outcomes: Familie Müller',
      '## Agreed goals',
      '## Next steps',
      '| Who | What | By when |',
      '## Next appointment',
      '## Notes',
      '## Confirmation',
      'Confirmed by the client on 15/01/2030',
    ]) {
      expect(markdown).toContain(heading);
    }
  });
});

describe('noteToPdf', () => {
  it('is a PDF whose text has the label, outcomes and confirmation, umlauts intact', async () => {
    const bytes = await noteToPdf(note);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { pages, text } = await pdfText(bytes);
    expect(pages).toBe(1);
    for (const expected of [
      'Gesprächsergebnisse',
      'Familie Müller, Erziehungsberatung',
      'Datum: 15.01.2030 · Elterngespräch',
      'Vereinbarte Ziele',
      'Jonas geht dreimal pro Woche pünktlich zur Schule',
      'Abendroutine ausprobieren',
      'Nächste Schritte',
      'Wer',
      'Was',
      'Bis wann',
      'Frau Müller',
      'Termin beim Kinderarzt vereinbaren',
      'bis Freitag',
      'Antrag auf Lernförderung vorbereiten',
      '22.01.2030',
      'Nächster Termin',
      'Dienstag, 21.01., 10 Uhr, Beratungsstelle Große Straße',
      'Notizen',
      'Vater war zugeschaltet; Schulden beim Stromanbieter angesprochen.',
      'Bestätigung',
      'Vertraulich · Seite 1 von 1',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toMatch(/Vom Gegenüber bestätigt am 15\.01\.2030, \d\d:\d\d Uhr\./);
  });

  it.each<[string, OutcomeNoteView['confirmation'], string]>([
    ['not confirmed', null, 'Nicht bestätigt.'],
    [
      'commented',
      { state: 'commented', comment: 'Bitte später.', at: T0 },
      'Kommentar des Gegenübers: Bitte später.',
    ],
  ])('states the confirmation: %s', async (_label, confirmation, expected) => {
    expect((await pdfText(await noteToPdf({ ...note, confirmation }))).text).toContain(expected);
  });

  it('replaces characters the standard font cannot show instead of failing', async () => {
    const { text } = await pdfText(
      await noteToPdf({
        ...note,
        label: 'Łukasz Dąbrowski und Ayşe Yılmaz 🙂',
        goals: ['Antrag für 中文 Kurs\tprüfen'],
      }),
    );
    expect(text).toContain('Lukasz Dabrowski und Ayse Yilmaz ?');
    expect(text).toContain('Antrag für ?? Kurs prüfen');
  });

  it('runs long notes onto further pages, numbered', async () => {
    const freeText = Array.from(
      { length: 160 },
      (_, n) => `Absatz ${n + 1}: Gespräch über Übergänge.`,
    ).join('\n');
    const { pages, text } = await pdfText(await noteToPdf({ ...note, freeText }));
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    expect(text).toContain('Absatz 160: Gespräch über Übergänge.');
    expect(text).toContain('Vom Gegenüber bestätigt am');
  });

  it('wraps a word longer than the line without losing it', async () => {
    const word = 'Donaudampfschifffahrtsgesellschaftskapitänsmütze'.repeat(4);
    const { text } = await pdfText(await noteToPdf({ ...note, freeText: word }));
    expect(text.replace(/\n/g, '')).toContain(word);
  });
});

describe('exportBaseName', () => {
  it.each([
    ['Familie Müller, Erziehungsberatung', '2030-01-15-familie-mueller-erziehungsberatung'],
    ['Straße & Söhne', '2030-01-15-strasse-soehne'],
    ['../../etc/passwd', '2030-01-15-etc-passwd'],
    ['Ayşe Yılmaz, Łódź', '2030-01-15-ayse-yilmaz-lodz'],
    ['🙂', '2030-01-15-gespraechsergebnisse'],
    ['', '2030-01-15-gespraechsergebnisse'],
    ['a'.repeat(80), `2030-01-15-${'a'.repeat(48)}`],
  ])('%j → %s', (label, expected) => {
    expect(exportBaseName({ ...note, label })).toBe(expected);
  });
});

describe('createNoteExporter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'augenhoehe-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  let stored = note;
  const vault = {
    get: async (id: string) => {
      if (id !== note.id) throw new ServiceError('not-found');
      return stored;
    },
  };
  beforeEach(() => {
    stored = note;
  });

  it('says "not confirmed" once the outcomes were changed after the confirmation', async () => {
    stored = { ...note, nextAppointment: 'Mittwoch, 22.01., 9 Uhr' };
    const result = await createNoteExporter({ vault, choosePath: chooser('download') })(
      note.id,
      'markdown',
    );
    if (!('download' in result)) throw new Error('expected a download');
    const markdown = Buffer.from(result.download.base64, 'base64').toString('utf8');
    expect(markdown).toBe(noteToMarkdown({ ...stored, confirmation: null }));
    expect(markdown).not.toBe(noteToMarkdown(stored));
    // A confirmation from before versions were recorded counts for nothing either.
    stored = { ...note, confirmation: { state: 'confirmed', comment: '', at: T0 } };
    const old = await createNoteExporter({ vault, choosePath: chooser('download') })(
      note.id,
      'markdown',
    );
    if (!('download' in old)) throw new Error('expected a download');
    expect(Buffer.from(old.download.base64, 'base64').toString('utf8')).toBe(
      noteToMarkdown({ ...note, confirmation: null }),
    );
  });

  function chooser(answer: string | null | 'download'): ChooseExportPath & { asked: string[] } {
    const asked: string[] = [];
    return Object.assign(
      async (suggested: string) => {
        asked.push(suggested);
        return answer;
      },
      { asked },
    );
  }

  it('writes Markdown where the worker chose, readable by the owner only', async () => {
    const target = join(dir, 'Akte', 'ergebnis.md');
    const choosePath = chooser(target);
    expect(await createNoteExporter({ vault, choosePath })(note.id, 'markdown')).toStrictEqual({
      written: true,
    });
    expect(choosePath.asked).toStrictEqual(['2030-01-15-familie-mueller-erziehungsberatung.md']);
    expect(await readFile(target, 'utf8')).toBe(noteToMarkdown(note));
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('writes a PDF with the outcomes', async () => {
    const target = join(dir, 'ergebnis.pdf');
    const choosePath = chooser(target);
    await createNoteExporter({ vault, choosePath })(note.id, 'pdf');
    expect(choosePath.asked).toStrictEqual(['2030-01-15-familie-mueller-erziehungsberatung.pdf']);
    expect((await pdfText(await readFile(target))).text).toContain('Termin beim Kinderarzt');
  });

  it('hands the file back for download in browser mode', async () => {
    const result = await createNoteExporter({ vault, choosePath: chooser('download') })(
      note.id,
      'markdown',
    );
    expect(result).toStrictEqual({
      written: false,
      download: {
        fileName: '2030-01-15-familie-mueller-erziehungsberatung.md',
        mimeType: 'text/markdown; charset=utf-8',
        base64: Buffer.from(noteToMarkdown(note)).toString('base64'),
      },
    });
    const pdf = await createNoteExporter({ vault, choosePath: chooser('download') })(
      note.id,
      'pdf',
    );
    expect(pdf).toMatchObject({ download: { mimeType: 'application/pdf' } });
    if ('download' in pdf) {
      expect(Buffer.from(pdf.download.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('writes nothing when the worker cancels', async () => {
    const writes: string[] = [];
    const exporter = createNoteExporter({
      vault,
      choosePath: chooser(null),
      writeFile: async (path) => {
        writes.push(path);
      },
    });
    expect(await exporter(note.id, 'pdf')).toStrictEqual({ written: false, cancelled: true });
    expect(writes).toStrictEqual([]);
  });

  it.each(['ENOSPC', 'EROFS', 'EACCES', 'EDQUOT'])('answers disk-full for %s', async (code) => {
    const exporter = createNoteExporter({
      vault,
      choosePath: chooser(join(dir, 'x.md')),
      writeFile: async () => {
        throw Object.assign(new Error(code), { code });
      },
    });
    await expect(exporter(note.id, 'markdown')).rejects.toMatchObject({ code: 'disk-full' });
  });

  it('passes other failures on, and not-found for a note that is gone', async () => {
    const failing = createNoteExporter({
      vault,
      choosePath: chooser(join(dir, 'x.md')),
      writeFile: async () => {
        throw Object.assign(new Error('EIO'), { code: 'EIO' });
      },
    });
    await expect(failing(note.id, 'markdown')).rejects.toMatchObject({ code: 'EIO' });
    const choosePath = chooser(join(dir, 'x.md'));
    await expect(
      createNoteExporter({ vault, choosePath })('ZZZZZZZZZZZZZZZZZZZZZZ', 'pdf'),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(choosePath.asked).toStrictEqual([]);
  });
});
