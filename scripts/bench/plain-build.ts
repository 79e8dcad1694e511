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
/** The call core, whose receive slots are armed for decryption (receive-slots.ts). */
export const CALL_CORE_MODULE = 'src-renderer/livekit/call-session.ts';

export const PLAIN_LIVEKIT_MODULE = resolve(projectRoot, 'scripts/bench/renderer/plain-livekit.ts');
export const PLAIN_SLOTS_MODULE = resolve(projectRoot, 'scripts/bench/renderer/plain-slots.ts');
export const plainWebBuildDir = join(projectRoot, 'out', 'bench-plain-web');

/** What is swapped, where: each must happen once at least, or the build fails. */
const swaps = [
  { importer: ROOM_FACTORY_MODULE, source: 'livekit-client', by: PLAIN_LIVEKIT_MODULE },
  { importer: CALL_CORE_MODULE, source: './receive-slots', by: PLAIN_SLOTS_MODULE },
] as const;

export function plainRoomPlugin(): Plugin {
  const swapped = new Map<string, number>();
  return {
    name: 'augenhoehe-bench-plain-room',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      const from = resolve(importer.split('?')[0] ?? '');
      const swap = swaps.find(
        (candidate) =>
          candidate.source === source && resolve(projectRoot, candidate.importer) === from,
      );
      if (!swap) return null;
      swapped.set(swap.importer, (swapped.get(swap.importer) ?? 0) + 1);
      return swap.by;
    },
    buildEnd(error) {
      if (error) return;
      if (!swapped.get(ROOM_FACTORY_MODULE))
        this.error(
          `${ROOM_FACTORY_MODULE} was not built or imports no livekit-client: ` +
            'point ROOM_FACTORY_MODULE in scripts/bench/plain-build.ts at the module that makes Rooms',
        );
      if (!swapped.get(CALL_CORE_MODULE))
        this.error(
          `${CALL_CORE_MODULE} was not built or imports no ./receive-slots: ` +
            'point CALL_CORE_MODULE in scripts/bench/plain-build.ts at the module that arms them',
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
