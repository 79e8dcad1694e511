/**
 * The diagnostic build for the `_plain` figures: the renderer's web build in which the room
 * factory gets a Room without the `encryption` option (scripts/bench/renderer/plain-livekit.ts).
 * Built into out/bench-plain-web, never into out/web, and never shipped.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { projectRoot } from '../local-livekit';

/**
 * The module that makes the app's Rooms. Only its `livekit-client` import is swapped, so
 * moving the factory means changing this one line (the build fails loudly if nothing matched).
 */
export const ROOM_FACTORY_MODULE = 'src-renderer/livekit/encrypted-room.ts';

export const PLAIN_LIVEKIT_MODULE = resolve(projectRoot, 'scripts/bench/renderer/plain-livekit.ts');
export const plainWebBuildDir = join(projectRoot, 'out', 'bench-plain-web');

export function plainRoomPlugin(): Plugin {
  const factory = resolve(projectRoot, ROOM_FACTORY_MODULE);
  let swapped = 0;
  return {
    name: 'augenhoehe-bench-plain-room',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'livekit-client' || !importer) return null;
      if (resolve(importer.split('?')[0] ?? '') !== factory) return null;
      swapped += 1;
      return PLAIN_LIVEKIT_MODULE;
    },
    buildEnd(error) {
      if (!error && swapped === 0)
        this.error(
          `${ROOM_FACTORY_MODULE} was not built or imports no livekit-client: ` +
            'point ROOM_FACTORY_MODULE in scripts/bench/plain-build.ts at the module that makes Rooms',
        );
    },
  };
}

export function buildPlainWebPage(): string {
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'scripts/bench/vite.plain.config.ts', '--logLevel', 'error'],
    { cwd: projectRoot, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('the diagnostic (plain) web build failed');
  return plainWebBuildDir;
}
