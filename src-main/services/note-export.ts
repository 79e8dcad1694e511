/**
 * Exports one note as Markdown or PDF for the case file: written to the path the worker
 * picks in the desktop app, or handed back for download in browser mode.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { IpcResponse, OutcomeNoteView } from '../../src-shared/ipc-contract';
import { isConfirmationCurrent } from '../../src-shared/outcomes';
import { writeFileAtomically } from './encrypted-file';
import type { Logger } from './logger';
import type { NotesVault } from './notes-vault';
import { isWriteRefused, ServiceError } from './service-error';

export type NoteExporter = (
  id: string,
  format: 'markdown' | 'pdf',
) => Promise<IpcResponse<'notes:export'>>;

/** Where an export goes: a path the worker chose, null if they cancelled, or 'download'. */
export type ChooseExportPath = (suggestedFileName: string) => Promise<string | null | 'download'>;

export type ExportLanguage = 'de' | 'en';

const texts = {
  de: {
    locale: 'de-DE',
    title: 'Gesprächsergebnisse',
    date: 'Datum',
    updated: 'Zuletzt geändert',
    templates: { 'one-to-one': 'Einzelgespräch', parents: 'Elterngespräch', team: 'Teamsitzung' },
    goals: 'Vereinbarte Ziele',
    steps: 'Nächste Schritte',
    who: 'Wer',
    what: 'Was',
    due: 'Bis wann',
    appointment: 'Nächster Termin',
    notes: 'Notizen',
    confirmation: 'Bestätigung',
    none: 'Keine Angaben.',
    confirmedAt: (at: string) => `Vom Gegenüber bestätigt am ${at}.`,
    commentedAt: (at: string) => `Dem Gegenüber gezeigt am ${at}, nicht bestätigt.`,
    comment: (text: string) => `Kommentar des Gegenübers: ${text}`,
    notConfirmed: 'Nicht bestätigt.',
    time: (date: string, time: string) => `${date}, ${time} Uhr`,
    confidential: 'Vertraulich',
    page: (page: number, pages: number) => `Seite ${page} von ${pages}`,
    fallbackName: 'gespraechsergebnisse',
  },
  en: {
    locale: 'en-GB',
    title: 'Session outcomes',
    date: 'Date',
    updated: 'Last changed',
    templates: {
      'one-to-one': 'One-to-one session',
      parents: 'Parents session',
      team: 'Team meeting',
    },
    goals: 'Agreed goals',
    steps: 'Next steps',
    who: 'Who',
    what: 'What',
    due: 'By when',
    appointment: 'Next appointment',
    notes: 'Notes',
    confirmation: 'Confirmation',
    none: 'None recorded.',
    confirmedAt: (at: string) => `Confirmed by the client on ${at}.`,
    commentedAt: (at: string) => `Shown to the client on ${at}, not confirmed.`,
    comment: (text: string) => `Client's comment: ${text}`,
    notConfirmed: 'Not confirmed.',
    time: (date: string, time: string) => `${date}, ${time}`,
    confidential: 'Confidential',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    fallbackName: 'session-outcomes',
  },
} as const;

/** The words of an export, shared by Markdown and PDF so both say exactly the same. */
interface NoteDocument {
  title: string;
  label: string;
  meta: string[];
  goals: { heading: string; items: string[] };
  steps: {
    heading: string;
    columns: [string, string, string];
    rows: [string, string, string][];
  };
  appointment: { heading: string; text: string };
  notes: { heading: string; text: string };
  confirmation: { heading: string; lines: string[] };
  none: string;
}

// Dates in the worker's own time zone: the case file records when the session was, for them.
function formatDate(seconds: number, language: ExportLanguage): string {
  return new Intl.DateTimeFormat(texts[language].locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(seconds * 1000));
}

function formatDateTime(seconds: number, language: ExportLanguage): string {
  const time = new Intl.DateTimeFormat(texts[language].locale, {
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(seconds * 1000));
  return texts[language].time(formatDate(seconds, language), time);
}

function describeNote(note: OutcomeNoteView, language: ExportLanguage): NoteDocument {
  const t = texts[language];
  const confirmation: string[] = [];
  if (!note.confirmation) {
    confirmation.push(t.notConfirmed);
  } else {
    const at = formatDateTime(note.confirmation.at, language);
    confirmation.push(
      note.confirmation.state === 'confirmed' ? t.confirmedAt(at) : t.commentedAt(at),
    );
    if (note.confirmation.comment.trim()) confirmation.push(t.comment(note.confirmation.comment));
  }
  return {
    title: t.title,
    label: note.label,
    meta: [
      `${t.date}: ${formatDate(note.createdAt, language)} · ${t.templates[note.template]}`,
      `${t.updated}: ${formatDateTime(note.updatedAt, language)}`,
    ],
    goals: { heading: t.goals, items: note.goals.filter((goal) => goal.trim()) },
    steps: {
      heading: t.steps,
      columns: [t.who, t.what, t.due],
      rows: note.steps
        .filter((step) => step.who.trim() || step.what.trim() || step.due.trim())
        .map((step) => [step.who, step.what, step.due]),
    },
    appointment: { heading: t.appointment, text: note.nextAppointment },
    notes: { heading: t.notes, text: note.freeText },
    confirmation: { heading: t.confirmation, lines: confirmation },
    none: t.none,
  };
}

/** Typed text must stay text: no headings, links, HTML or table breaks of its own. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_[\]<>|#~]/g, (character) => `\\${character}`)
    .replace(
      /^(\s*)([-+=]|\d+\.)(?=\s|$)/gm,
      (_match, space: string, marker: string) => `${space}\\${marker}`,
    );
}

/** A paragraph keeps its line breaks as Markdown hard breaks. */
function markdownParagraph(text: string): string {
  return escapeMarkdown(text.trim()).replace(/\n/g, '  \n');
}

function markdownCell(text: string): string {
  return escapeMarkdown(text.trim()).replace(/\n/g, '<br>');
}

export function noteToMarkdown(note: OutcomeNoteView, language: ExportLanguage = 'de'): string {
  const doc = describeNote(note, language);
  const out: string[] = [`# ${doc.title}: ${escapeMarkdown(doc.label)}`, ''];
  out.push(doc.meta.map(escapeMarkdown).join('  \n'), '');
  out.push(`## ${doc.goals.heading}`, '');
  if (doc.goals.items.length === 0) out.push(doc.none);
  for (const goal of doc.goals.items) {
    out.push(`- ${escapeMarkdown(goal.trim()).replace(/\n/g, '\n  ')}`);
  }
  out.push('', `## ${doc.steps.heading}`, '');
  if (doc.steps.rows.length === 0) {
    out.push(doc.none);
  } else {
    out.push(`| ${doc.steps.columns.join(' | ')} |`, '| --- | --- | --- |');
    for (const row of doc.steps.rows) out.push(`| ${row.map(markdownCell).join(' | ')} |`);
  }
  out.push('', `## ${doc.appointment.heading}`, '');
  out.push(doc.appointment.text.trim() ? markdownParagraph(doc.appointment.text) : doc.none);
  out.push('', `## ${doc.notes.heading}`, '');
  out.push(doc.notes.text.trim() ? markdownParagraph(doc.notes.text) : doc.none);
  out.push('', `## ${doc.confirmation.heading}`, '');
  out.push(doc.confirmation.lines.map(markdownParagraph).join('\n\n'), '');
  return out.join('\n');
}

// A4 in points, with margins wide enough for a hole punch.
const PAGE = { width: 595.28, height: 841.89, left: 64, right: 56, top: 60, bottom: 64 };
const SIZE = { title: 18, label: 14, heading: 12.5, body: 10.5, small: 8.5 };
const LINE = 1.4;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);

// The standard fonts speak WinAnsi only, and file names ASCII: names from further east must
// not break the export. Letters that do not decompose into a base letter and a mark:
const NEAREST: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŀ: 'l',
  Ŀ: 'L',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2011': '-',
  '\u2010': '-',
  '\u2212': '-',
};

function encodable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  return (text) =>
    Array.from(text.replace(/\t/g, ' ').replace(/[\r\n]/g, ' '))
      .map((character) => {
        if (supported.has(character.codePointAt(0) ?? -1)) return character;
        const nearest = NEAREST[character] ?? character.normalize('NFD').replace(/\p{M}/gu, '');
        if (nearest && Array.from(nearest).every((c) => supported.has(c.codePointAt(0) ?? -1))) {
          return nearest;
        }
        return /\p{C}/u.test(character) ? '' : '?';
      })
      .join('');
}

/** Greedy word wrap; a word wider than the line is cut where it must be. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** A printable A4 PDF of the note, for the case file. */
export async function noteToPdf(
  note: OutcomeNoteView,
  language: ExportLanguage = 'de',
): Promise<Uint8Array> {
  const doc = describeNote(note, language);
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const safe = encodable(regular);
  const safeBold = encodable(bold);
  const width = PAGE.width - PAGE.left - PAGE.right;

  let page: PDFPage = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.top;
  const newPage = () => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.top;
  };
  const ensure = (height: number) => {
    if (y - height < PAGE.bottom) newPage();
  };

  const paragraph = (
    text: string,
    options: { size?: number; font?: PDFFont; x?: number; width?: number; color?: typeof INK } = {},
  ) => {
    const font = options.font ?? regular;
    const size = options.size ?? SIZE.body;
    const clean = text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map(font === bold ? safeBold : safe)
      .join('\n');
    for (const line of wrap(clean, font, size, options.width ?? width)) {
      ensure(size * LINE);
      y -= size * LINE;
      page.drawText(line, {
        x: options.x ?? PAGE.left,
        y,
        size,
        font,
        color: options.color ?? INK,
      });
    }
  };
  const heading = (text: string) => {
    // Keep a heading with at least two lines of what follows it.
    ensure(SIZE.heading * LINE + 2 * SIZE.body * LINE + 10);
    y -= 10;
    paragraph(text, { size: SIZE.heading, font: bold });
    y -= 3;
  };

  paragraph(doc.title, { size: SIZE.title, font: bold });
  y -= 2;
  paragraph(doc.label, { size: SIZE.label, font: bold });
  y -= 2;
  for (const line of doc.meta) paragraph(line, { size: SIZE.body, color: MUTED });

  heading(doc.goals.heading);
  if (doc.goals.items.length === 0) paragraph(doc.none, { color: MUTED });
  for (const goal of doc.goals.items) {
    ensure(SIZE.body * LINE);
    page.drawText('•', {
      x: PAGE.left + 2,
      y: y - SIZE.body * LINE,
      size: SIZE.body,
      font: regular,
    });
    paragraph(goal, { x: PAGE.left + 14, width: width - 14 });
    y -= 2;
  }

  heading(doc.steps.heading);
  if (doc.steps.rows.length === 0) {
    paragraph(doc.none, { color: MUTED });
  } else {
    const columnWidths = [width * 0.24, width * 0.54, width * 0.22];
    const columnX = [
      PAGE.left,
      PAGE.left + columnWidths[0]!,
      PAGE.left + columnWidths[0]! + columnWidths[1]!,
    ];
    const row = (cells: string[], font: PDFFont) => {
      const lines = cells.map((cell, index) =>
        wrap(
          cell
            .trim()
            .replace(/\r\n?/g, '\n')
            .split('\n')
            .map(font === bold ? safeBold : safe)
            .join('\n'),
          font,
          SIZE.body,
          columnWidths[index]! - 8,
        ),
      );
      const height = Math.max(...lines.map((cellLines) => cellLines.length)) * SIZE.body * LINE + 6;
      ensure(height);
      lines.forEach((cellLines, index) => {
        cellLines.forEach((line, lineIndex) => {
          page.drawText(line, {
            x: columnX[index]!,
            y: y - (lineIndex + 1) * SIZE.body * LINE,
            size: SIZE.body,
            font,
            color: INK,
          });
        });
      });
      y -= height;
      page.drawLine({
        start: { x: PAGE.left, y: y + 2 },
        end: { x: PAGE.left + width, y: y + 2 },
        thickness: 0.4,
        color: MUTED,
      });
    };
    row(doc.steps.columns, bold);
    for (const cells of doc.steps.rows) row(cells, regular);
  }

  heading(doc.appointment.heading);
  if (doc.appointment.text.trim()) paragraph(doc.appointment.text.trim());
  else paragraph(doc.none, { color: MUTED });

  heading(doc.notes.heading);
  if (doc.notes.text.trim()) paragraph(doc.notes.text.trim());
  else paragraph(doc.none, { color: MUTED });

  heading(doc.confirmation.heading);
  for (const line of doc.confirmation.lines) {
    paragraph(line);
    y -= 3;
  }

  const t = texts[language];
  const pages = pdf.getPages();
  pages.forEach((each, index) => {
    const footer = `${t.confidential} · ${t.page(index + 1, pages.length)}`;
    each.drawText(footer, {
      x: PAGE.left,
      y: PAGE.bottom / 2,
      size: SIZE.small,
      font: regular,
      color: MUTED,
    });
  });

  // Metadata is UTF-16, so the label goes in unchanged.
  pdf.setTitle(`${doc.title}: ${doc.label}`);
  pdf.setLanguage(t.locale);
  // No tool names or versions in the file: the case file needs the content, nothing more.
  pdf.setCreator('Augenhöhe');
  pdf.setProducer('Augenhöhe');
  return pdf.save();
}

/** `2030-01-15-familie-mueller`: the session date (local) and the label, safe on every OS. */
export function exportBaseName(note: OutcomeNoteView, language: ExportLanguage = 'de'): string {
  const date = new Date(note.createdAt * 1000);
  const day = [
    date.getFullYear(),
    String(date.getMonth() + 1).padStart(2, '0'),
    String(date.getDate()).padStart(2, '0'),
  ].join('-');
  const slug = note.label
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{ASCII}]/gu, (character) => NEAREST[character] ?? character)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return `${day}-${slug || texts[language].fallbackName}`;
}

export interface NoteExporterDeps {
  vault: Pick<NotesVault, 'get'>;
  choosePath: ChooseExportPath;
  /** Defaults to an atomic write (owner-only permissions); replaceable in tests. */
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
  logger?: Logger;
}

export function createNoteExporter(deps: NoteExporterDeps): NoteExporter {
  const writeFile = deps.writeFile ?? writeFileAtomically;
  return async (id, format) => {
    const stored = await deps.vault.get(id);
    // A confirmation counts only for the outcomes exactly as they were shown: after an
    // edit, the case file must not say the client confirmed them.
    const note = (await isConfirmationCurrent(stored)) ? stored : { ...stored, confirmation: null };
    const pdf = format === 'pdf';
    const bytes = pdf ? await noteToPdf(note) : Buffer.from(noteToMarkdown(note), 'utf8');
    const fileName = `${exportBaseName(note)}.${pdf ? 'pdf' : 'md'}`;
    const mimeType = pdf ? 'application/pdf' : 'text/markdown; charset=utf-8';
    const target = await deps.choosePath(fileName);
    if (target === null) return { written: false, cancelled: true };
    if (target === 'download') {
      deps.logger?.event('notes.exported', { pdf, download: true });
      return {
        written: false,
        download: { fileName, mimeType, base64: Buffer.from(bytes).toString('base64') },
      };
    }
    try {
      await writeFile(target, bytes);
    } catch (error) {
      deps.logger?.event('notes.export_failed', { pdf, disk: isWriteRefused(error) });
      if (isWriteRefused(error)) throw new ServiceError('disk-full');
      throw error;
    }
    deps.logger?.event('notes.exported', { pdf, download: false });
    return { written: true };
  };
}
