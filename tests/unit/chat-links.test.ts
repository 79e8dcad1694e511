import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppApi } from '../../src-shared/api-surface';
import {
  isOpenableLink,
  openableAddress,
  splitMessage,
  type MessagePart,
} from '../../src-renderer/features/chat/links';
import { openLinkFor } from '../../src-renderer/features/chat/openLink';
import { cleanMessage, MAX_MESSAGE_LENGTH } from '../../src-renderer/features/chat/useChat';

const text = (value: string): MessagePart => ({ kind: 'text', text: value });
const link = (value: string, url: string): MessagePart => ({ kind: 'link', text: value, url });

describe('which addresses a chat link may open', () => {
  const neverOpened: [string, unknown][] = [
    ['javascript', 'javascript:alert(1)'],
    ['javascript, mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript behind a space', ' javascript:alert(1)'],
    ['javascript behind a tab', '\tjavascript:alert(1)'],
    ['javascript split by a newline', 'java\nscript:alert(1)'],
    ['javascript split by a tab', 'java\tscript:alert(1)'],
    ['javascript with slashes', 'javascript://example.org/%0Aalert(1)'],
    ['javascript behind a NUL', '\u0000javascript:alert(1)'],
    ['vbscript', 'vbscript:msgbox(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['data, base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['file', 'file:///etc/passwd'],
    ['file, Windows', 'file://C:/Windows/system32/calc.exe'],
    ['the app’s own scheme', 'augenhoehe://join#v=2&s=wss://lk.example'],
    ['blob', 'blob:https://example.org/0b5e5500-0000-4000-8000-000000000000'],
    ['ftp', 'ftp://example.org/file'],
    ['mailto', 'mailto:someone@example.org'],
    ['tel', 'tel:+4930123456'],
    ['about', 'about:blank'],
    ['chrome', 'chrome://settings'],
    ['ms-settings', 'ms-settings:privacy'],
    ['https without slashes', 'https:example.org'],
    ['https with one slash', 'https:/example.org'],
    ['https with backslashes', 'https:\\\\example.org'],
    ['no host', 'https://'],
    ['no host, http', 'http://'],
    ['host of dots only', 'https://./'],
    ['space before', ' https://example.org'],
    ['space after', 'https://example.org '],
    ['space inside', 'https://example.org/a b'],
    ['newline inside', 'https://example.org/\nx'],
    ['NUL at the end', 'https://example.org\u0000'],
    ['DEL inside', 'https://exam\u007Fple.org'],
    ['C1 control inside', 'https://example.org/\u0085'],
    ['zero-width space in the host', 'https://exa\u200Bmple.org'],
    ['right-to-left override', '\u202Ehttps://example.org'],
    ['right-to-left isolate in the path', 'https://example.org/\u2067gro.live\u2069'],
    ['byte order mark', '\uFEFFhttps://example.org'],
    ['soft hyphen in the host', 'https://exam\u00ADple.org'],
    ['user and password', 'https://user:secret@example.org'],
    ['a host hidden before @', 'https://bank.example@evil.example'],
    ['too long', `https://example.org/${'a'.repeat(2048)}`],
    ['empty', ''],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { href: 'https://example.org' }],
    ['an array', ['https://example.org']],
  ];
  it.each(neverOpened)('never opens %s', (_case, url) => {
    expect(isOpenableLink(url)).toBe(false);
    expect(openableAddress(url)).toBeNull();
  });

  const opened: [string, string, string][] = [
    ['https://example.org', 'https://example.org/', 'example.org'],
    ['http://example.org/path?q=1#part', 'http://example.org/path?q=1#part', 'example.org'],
    ['HTTPS://EXAMPLE.ORG/Termine', 'https://example.org/Termine', 'example.org'],
    ['https://example.org:443/', 'https://example.org/', 'example.org'],
    ['https://example.org:8443/x', 'https://example.org:8443/x', 'example.org:8443'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/', '127.0.0.1:8080'],
    ['https://[::1]/', 'https://[::1]/', '[::1]'],
    // Internationalised names are shown as the browser contacts them: look-alikes show.
    ['https://bücher.example/', 'https://xn--bcher-kva.example/', 'xn--bcher-kva.example'],
    ['https://аpple.example/', 'https://xn--pple-43d.example/', 'xn--pple-43d.example'],
    // What the spelling hides is shown as parsed.
    ['https:///evil.example', 'https://evil.example/', 'evil.example'],
    ['https://evil.example\\@good.example', 'https://evil.example/@good.example', 'evil.example'],
    ['https://example.org/%0Aalert', 'https://example.org/%0Aalert', 'example.org'],
  ];
  it.each(opened)('opens %s as %s (host %s)', (url, href, host) => {
    expect(isOpenableLink(url)).toBe(true);
    expect(openableAddress(url)).toEqual({ href, host });
  });
});

describe('splitting a message into text and links', () => {
  const cases: [string, MessagePart[]][] = [
    ['Hallo', [text('Hallo')]],
    ['', []],
    [
      'Siehe https://example.org.',
      [text('Siehe '), link('https://example.org', 'https://example.org/'), text('.')],
    ],
    [
      'www.example.org/termine, bitte',
      [link('www.example.org/termine', 'https://www.example.org/termine'), text(', bitte')],
    ],
    ['WWW.Example.org', [link('WWW.Example.org', 'https://www.example.org/')]],
    [
      'Zwei: https://a.example und http://b.example!',
      [
        text('Zwei: '),
        link('https://a.example', 'https://a.example/'),
        text(' und '),
        link('http://b.example', 'http://b.example/'),
        text('!'),
      ],
    ],
    [
      '(https://de.wikipedia.org/wiki/Soziale_Arbeit_(Begriff))',
      [
        text('('),
        link(
          'https://de.wikipedia.org/wiki/Soziale_Arbeit_(Begriff)',
          'https://de.wikipedia.org/wiki/Soziale_Arbeit_(Begriff)',
        ),
        text(')'),
      ],
    ],
    [
      '„https://example.org“ und «https://example.net»',
      [
        text('„'),
        link('https://example.org', 'https://example.org/'),
        text('“ und «'),
        link('https://example.net', 'https://example.net/'),
        text('»'),
      ],
    ],
    [
      'Link:\nhttps://example.org/a?b=1&c=2#d...',
      [
        text('Link:\n'),
        link('https://example.org/a?b=1&c=2#d', 'https://example.org/a?b=1&c=2#d'),
        text('...'),
      ],
    ],
    [
      '<https://example.org/x>',
      [text('<'), link('https://example.org/x', 'https://example.org/x'), text('>')],
    ],
    // Never a control for another scheme, however it is written.
    ['javascript:alert(1)', [text('javascript:alert(1)')]],
    ['JAVASCRIPT:alert(document.cookie)', [text('JAVASCRIPT:alert(document.cookie)')]],
    ['data:text/html,<b>x</b>', [text('data:text/html,<b>x</b>')]],
    ['file:///etc/passwd', [text('file:///etc/passwd')]],
    ['augenhoehe://join#v=2', [text('augenhoehe://join#v=2')]],
    ['ftp://example.org', [text('ftp://example.org')]],
    // Part of a longer word or address: not a link of its own.
    ['xhttps://example.org', [text('xhttps://example.org')]],
    ['javascripthttps://example.org', [text('javascripthttps://example.org')]],
    ['mail@www.example.org', [text('mail@www.example.org')]],
    ['abc.www.example.org', [text('abc.www.example.org')]],
    // Not addresses, or not honest ones.
    ['www.', [text('www.')]],
    ['www.example', [text('www.example')]],
    ['https://', [text('https://')]],
    ['https://user:pw@example.org', [text('https://user:pw@example.org')]],
    ['https://bank.example@evil.example', [text('https://bank.example@evil.example')]],
    ['https://exa\u200Bmple.org', [text('https://exa\u200Bmple.org')]],
    ['https://example.org/\u202Egpj.exe', [text('https://example.org/\u202Egpj.exe')]],
    // A real https address inside hostile text is still only that https address.
    [
      'javascript:alert("https://x.example")',
      [text('javascript:alert("'), link('https://x.example', 'https://x.example/'), text('")')],
    ],
  ];
  it.each(cases)('splits %j', (message, parts) => {
    expect(splitMessage(message)).toEqual(parts);
  });

  it('keeps every character, and offers only openable http(s) addresses', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc
            .array(
              fc.oneof(
                fc.constantFrom(
                  'https://',
                  'http://',
                  'www.',
                  'javascript:',
                  'HTTPS://',
                  '.',
                  ')',
                  '(',
                  '@',
                  ' ',
                  '\n',
                  '\u202E',
                  '\u200B',
                  'example.org',
                  '/',
                  ':',
                ),
                fc.string({ maxLength: 5 }),
              ),
              { maxLength: 20 },
            )
            .map((pieces) => pieces.join('')),
        ),
        (message) => {
          const parts = splitMessage(message);
          expect(parts.map((part) => part.text).join('')).toBe(message);
          for (const part of parts) {
            if (part.kind !== 'link') continue;
            expect(isOpenableLink(part.url)).toBe(true);
            expect(part.url).toMatch(/^https?:\/\/[^/\s]/);
          }
        },
      ),
      { numRuns: 2000 },
    );
    // 2000 runs take a moment on a busy two-core machine; the ceiling is generous.
  }, 60_000);
});

describe('opening a confirmed link', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const hostile = [
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'augenhoehe://join#v=2',
    'https://user:pw@example.org',
  ];

  it('asks main to open only http(s) addresses, in their parsed form (desktop)', () => {
    const openLink = vi.fn(async () => ({ ok: true as const, data: { opened: true } }));
    // The desktop app: the preload has put `api` on the window.
    vi.stubGlobal('window', { api: {}, open: vi.fn() });
    const open = openLinkFor({ openLink } as unknown as AppApi);
    for (const url of hostile) open(url);
    expect(openLink).not.toHaveBeenCalled();
    open('HTTPS://Example.org/Termine');
    expect(openLink).toHaveBeenCalledExactlyOnceWith({ url: 'https://example.org/Termine' });
  });

  it('opens only http(s) addresses in a new tab without a way back (guest page)', () => {
    const windowOpen = vi.fn();
    vi.stubGlobal('window', { open: windowOpen });
    const open = openLinkFor(null);
    for (const url of hostile) open(url);
    expect(windowOpen).not.toHaveBeenCalled();
    open('www.example.org');
    expect(windowOpen).not.toHaveBeenCalled();
    open('https://example.org');
    expect(windowOpen).toHaveBeenCalledExactlyOnceWith(
      'https://example.org/',
      '_blank',
      'noopener,noreferrer',
    );
  });
});

describe('what a chat message may be', () => {
  const cases: [string, unknown, string | null][] = [
    ['trimmed', '  Hallo  \n', 'Hallo'],
    ['empty', '', null],
    ['only white space', ' \n\t ', null],
    ['as long as allowed', 'a'.repeat(MAX_MESSAGE_LENGTH), 'a'.repeat(MAX_MESSAGE_LENGTH)],
    ['too long', 'a'.repeat(MAX_MESSAGE_LENGTH + 1), null],
    ['not a string', 42, null],
    ['null', null, null],
  ];
  it.each(cases)('%s', (_case, raw, expected) => {
    expect(cleanMessage(raw)).toBe(expected);
  });
});
