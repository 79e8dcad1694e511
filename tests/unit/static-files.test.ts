import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFolder } from '../../scripts/precompress';
import {
  acceptedEncodings,
  cacheControl,
  createStaticFiles,
  isHashedAsset,
} from '../../src-main/browser-mode/static-files';

/** A script as a build writes it: text that compresses well, well over a kilobyte. */
const script = Array.from(
  { length: 400 },
  (_, n) => `export const step${n} = () => "Willkommen im Warteraum ${n}";`,
).join('\n');
const page = `<!doctype html><title>Augenhöhe</title>${'<p>Hallo</p>'.repeat(200)}`;
const tinyScript = 'export {};';
const picture = randomBytes(4096); // already compressed, as a PNG is

let workDir: string;
let root: string;
let server: Server;
let port: number;
let written: string[];

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'augenhoehe-static-'));
  root = join(workDir, 'web');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), page);
  await writeFile(join(root, 'neutral.html'), page);
  await writeFile(join(root, 'assets', 'index-AbCd12_-.js'), script);
  await writeFile(join(root, 'assets', 'tiny-Zz99Yy88.js'), tinyScript);
  await writeFile(join(root, 'assets', 'logo-Qq11Ww22.png'), picture);
  await writeFile(join(root, 'helper.js'), script);
  written = await precompressFolder(root);
  const serve = createStaticFiles(root, () => "default-src 'self'");
  server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  await rm(workDir, { recursive: true, force: true });
});

describe('precompressed copies written at build time', () => {
  it('writes brotli and gzip copies of text files, and decompresses to the same bytes', async () => {
    const file = join(root, 'assets', 'index-AbCd12_-.js');
    expect(written).toEqual(expect.arrayContaining([`${file}.br`, `${file}.gz`]));
    expect(brotliDecompressSync(await readFile(`${file}.br`)).toString()).toBe(script);
    expect(gunzipSync(await readFile(`${file}.gz`)).toString()).toBe(script);
    expect((await readFile(`${file}.br`)).length).toBeLessThan(script.length / 5);
  });

  it('leaves tiny files and images alone', () => {
    expect(existsSync(join(root, 'assets', 'tiny-Zz99Yy88.js.br'))).toBe(false);
    expect(existsSync(join(root, 'assets', 'logo-Qq11Ww22.png.br'))).toBe(false);
    expect(existsSync(join(root, 'assets', 'logo-Qq11Ww22.png.gz'))).toBe(false);
  });
});

describe('serving by Accept-Encoding', () => {
  const path = '/assets/index-AbCd12_-.js';

  it('sends brotli to a browser that takes it, with the type of the original', async () => {
    const reply = await get(path, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers.vary).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
    expect(brotliDecompressSync(reply.body).toString()).toBe(script);
  });

  it('sends gzip where brotli is not taken', async () => {
    const reply = await get(path, { 'Accept-Encoding': 'gzip' });
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(reply.body).toString()).toBe(script);
  });

  it('sends the file as it is to a client that takes no compression, still with Vary', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }] as Record<string, string>[]) {
      const reply = await get(path, headers);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.headers.vary).toBe('Accept-Encoding');
      expect(reply.body.toString()).toBe(script);
    }
  });

  it('compresses the page itself too, but never lets it be cached', async () => {
    const reply = await get('/some/route', { 'Accept-Encoding': 'br' });
    expect(reply.headers['content-encoding']).toBe('br');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-security-policy']).toBe("default-src 'self'");
    expect(brotliDecompressSync(reply.body).toString()).toBe(page);
  });

  it('sends small files and images as they are, images without Vary', async () => {
    const tiny = await get('/assets/tiny-Zz99Yy88.js', { 'Accept-Encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe(tinyScript);
    const image = await get('/assets/logo-Qq11Ww22.png', { 'Accept-Encoding': 'br, gzip' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
    expect(image.body.equals(picture)).toBe(true);
  });

  it('answers HEAD with the headers of the compressed copy and no body', async () => {
    const head = await get(path, { 'Accept-Encoding': 'br' }, 'HEAD');
    const full = await get(path, { 'Accept-Encoding': 'br' });
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.body.length).toBe(0);
  });
});

describe('caching', () => {
  it('lets browsers keep hashed assets for good, and revalidate everything else', async () => {
    const hashed = await get('/assets/index-AbCd12_-.js', { 'Accept-Encoding': 'br' });
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await get('/helper.js');
    expect(plain.headers['cache-control']).toBe('no-cache');
    const missing = await get('/assets/gone-AbCd1234.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['/assets/index-CBdcBYNn.js', true],
    ['/assets/GuestWaitingRoom-36yl1h-F.js', true],
    ['/assets/livekit-client.e2ee.worker-sT2wOSDR.js', true],
    ['/assets/index-DY__PHik.css', true],
    ['/assets/my-component.js', false],
    ['/index-CBdcBYNn.js', false],
    ['/assets/index.js', false],
  ])('%s is a hashed asset: %s', (path, hashed) => {
    expect(isHashedAsset(path)).toBe(hashed);
  });

  it('never caches a page, even under assets/', () => {
    expect(cacheControl('/assets/x-AbCd1234.html', '/root/assets/x-AbCd1234.html')).toBe(
      'no-store',
    );
  });
});

describe('acceptedEncodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['gzip', ['gzip']],
    ['br;q=0, gzip', ['gzip']],
    ['gzip;q=1.0, br;q=0.5', ['gzip', 'br']],
    ['GZIP; Q=0.8, BR', ['br', 'gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0.5, br;q=0', ['gzip']],
    ['gzip;q=nonsense, br', ['br']],
  ])('%j → %j', (header, expected) => {
    expect(acceptedEncodings(header)).toEqual(expected);
  });
});
