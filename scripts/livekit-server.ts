/** `npm run server`: runs the embedded LiveKit server alone, until Ctrl+C. */
import {
  ensureLivekitInstalled,
  LocalLivekitError,
  profiles,
  startLocalLivekit,
} from './local-livekit';

const profile = process.argv.includes('--test') ? profiles.test : profiles.dev;
const say = (line: string) => process.stdout.write(`${line}\n`);

try {
  if (process.argv.includes('--install-only')) {
    say(`livekit-server ready at ${ensureLivekitInstalled(say)}`);
    process.exit(0);
  }
  const server = await startLocalLivekit(profile, say);
  say(
    `LiveKit server ${server.reused ? 'already running' : 'running'} at ${server.url} (loopback only).`,
  );
  say(`Log: ${server.logFile}`);
  if (server.reused) process.exit(0);
  const shutdown = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  process.stderr.write(`${error instanceof LocalLivekitError ? error.message : String(error)}\n`);
  process.exit(1);
}
