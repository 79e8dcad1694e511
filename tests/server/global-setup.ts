import type { TestProject } from 'vitest/node';
import { profiles, startLocalLivekit } from '../../scripts/local-livekit';

declare module 'vitest' {
  export interface ProvidedContext {
    livekit: { url: string; apiKey: string; apiSecret: string; logFile: string };
  }
}

/** The real LiveKit server on its test ports, shared by every server test. */
export default async function setup(project: TestProject) {
  const server = await startLocalLivekit(profiles.test);
  project.provide('livekit', {
    url: server.url,
    apiKey: server.apiKey,
    apiSecret: server.apiSecret,
    logFile: server.logFile,
  });
  return () => server.stop();
}
