/** The bench's diagnostic build (see plain-build.ts): the web build, minus encryption. */
import { defineConfig, mergeConfig } from 'vite';
import web from '../../vite.web.config';
import { plainRoomPlugin, plainWebBuildDir } from './plain-build';

export default mergeConfig(
  web,
  defineConfig({
    plugins: [plainRoomPlugin()],
    build: { outDir: plainWebBuildDir },
  }),
);
