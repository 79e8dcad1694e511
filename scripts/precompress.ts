/**
 * Writes a brotli and a gzip copy next to every text file of a web build (`app.js.br`,
 * `app.js.gz`), at the strongest settings, once at build time: the embedded server then
 * sends them by `Accept-Encoding` without compressing anything per request, and any
 * static web server that serves precompressed files (nginx `gzip_static`/`brotli_static`,
 * Caddy `precompressed`) can do the same with out/web.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { compressibleTypes, precompressed } from '../src-main/browser-mode/static-files';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    ),
  );
  return nested.flat();
}

const compressors: Record<
  (typeof precompressed)[number]['encoding'],
  (data: Buffer) => Promise<Buffer>
> = {
  br: (data) =>
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => gzipAsync(data, { level: constants.Z_BEST_COMPRESSION }),
};

/** Compresses every text file under `dir`; returns the files it wrote. */
export async function precompressFolder(dir: string): Promise<string[]> {
  const written: string[] = [];
  const files = (await filesUnder(dir)).filter((file) => compressibleTypes.has(extname(file)));
  await Promise.all(
    files.map(async (file) => {
      if ((await stat(file)).size < MIN_BYTES) return;
      const data = await readFile(file);
      for (const { encoding, suffix } of precompressed) {
        const packed = await compressors[encoding](data);
        // A copy that is not smaller is no use; the original is sent instead.
        if (packed.length >= data.length) continue;
        await writeFile(file + suffix, packed);
        written.push(file + suffix);
      }
    }),
  );
  return written;
}

/** Vite plugin: precompresses the build output once everything is written. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'augenhoehe-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressFolder(outDir);
    },
  };
}
