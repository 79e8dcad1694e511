/** The renderer's web build (the guest page, and browser mode's host page), in out/web. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './local-livekit';

export const webBuildDir = join(projectRoot, 'out', 'web');

export function buildWebPage(logLevel: 'warn' | 'error' = 'warn'): string {
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', logLevel],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0)
    throw new Error('the web build failed (npx vite build --config vite.web.config.ts)');
  return webBuildDir;
}
