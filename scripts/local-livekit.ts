/**
 * The embedded LiveKit server for development and tests: installed from the Go module proxy
 * into a git-ignored folder, configured for loopback only, with a per-machine API key and a
 * random secret that are never committed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The issue asks for v1.9.9; the Go module proxy reachable here does not serve that tag
 * (403), so we pin the nearest 1.9 patch release it does serve.
 */
export const LIVEKIT_VERSION = 'v1.9.11';
const MODULE = 'github.com/livekit/livekit-server';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(projectRoot, '.tools');
export const serverBinary = join(
  toolsDir,
  'bin',
  process.platform === 'win32' ? 'server.exe' : 'server',
);
const versionMarker = join(toolsDir, 'livekit-server.version');

export interface Profile {
  /** Names the state folder under `.local/livekit/` (config, log, credentials). */
  name: string;
  /** Signalling and server API (HTTP/WebSocket). */
  port: number;
  /** One UDP port for all media (UDP mux). */
  udpPort: number;
  /**
   * Addresses to listen on and to offer media on; the first is the node IP. Default:
   * 127.0.0.1 only. A network-fault test adds its namespace's veth host address.
   */
  addresses?: string[];
  /** LiveKit's multi-node mode: the Redis that holds room state and relays signalling. */
  redis?: { address: string };
  /** A node's region; with regions set, a room is placed on a node of the region that made it. */
  region?: { name: string; all: { name: string; lat: number; lon: number }[] };
}

/**
 * The test profile's first port; `AUGENHOEHE_TEST_PORT` moves both (and keeps the one after
 * the first free, where ICE over TCP used to be), so two checkouts can run their suites side
 * by side.
 */
export const testPort = Number(process.env.AUGENHOEHE_TEST_PORT ?? '') || 7890;

/** Separate ports, so the test suite can run while `npm start` is up. */
export const profiles: Record<'dev' | 'test', Profile> = {
  dev: { name: 'dev', port: 7880, udpPort: 7882 },
  test: { name: 'test', port: testPort, udpPort: testPort + 2 },
};

export interface LocalLivekit {
  /** `ws://127.0.0.1:<port>` */
  url: string;
  apiKey: string;
  apiSecret: string;
  logFile: string;
  /** True when a server of ours was already running and was reused. */
  reused: boolean;
  stop(): Promise<void>;
  /** Ends the server at once (SIGKILL), as a crash would: no goodbye to anyone. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** False: a server already on the port is an error, not something to reuse. */
  reuse?: boolean;
  /** The nodes of one cluster share a key pair; default: the profile's own. */
  credentials?: Credentials;
  /** Keep the earlier log (a restart of the same node). */
  appendLog?: boolean;
}

export class LocalLivekitError extends Error {
  override name = 'LocalLivekitError';
}

function stateDir(profile: Profile): string {
  return join(projectRoot, '.local', 'livekit', profile.name);
}

/** Installs the pinned server with `go install` unless that exact version is already there. */
export function ensureLivekitInstalled(log: (line: string) => void = () => {}): string {
  if (existsSync(serverBinary) && existsSync(versionMarker)) {
    if (readFileSync(versionMarker, 'utf8').trim() === LIVEKIT_VERSION) return serverBinary;
  }
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) {
    throw new LocalLivekitError(
      'Go is missing: the local LiveKit server is built with `go install`. Install Go 1.23 or newer ' +
        '(Debian: apt-get install golang, or the official tarball) and run this again.',
    );
  }
  log(
    `Installing livekit-server ${LIVEKIT_VERSION} with ${go.stdout.trim()} (a few minutes, once) ...`,
  );
  mkdirSync(join(toolsDir, 'bin'), { recursive: true });
  const install = spawnSync('go', ['install', `${MODULE}/cmd/server@${LIVEKIT_VERSION}`], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GOBIN: join(toolsDir, 'bin'),
      // The checksum database does not answer for this module here; its dependencies are
      // still verified against the go.sum it ships.
      GONOSUMDB: [process.env.GONOSUMDB, MODULE].filter(Boolean).join(','),
      GOFLAGS: [process.env.GOFLAGS, '-buildvcs=false'].filter(Boolean).join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (install.status !== 0 || !existsSync(serverBinary)) {
    const tail = `${install.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
    throw new LocalLivekitError(
      `Installing livekit-server ${LIVEKIT_VERSION} failed (go install exit ${install.status}). ` +
        `The Go module proxy must be reachable.\n${tail}`,
    );
  }
  writeFileSync(versionMarker, `${LIVEKIT_VERSION}\n`);
  return serverBinary;
}

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/** One key pair per machine and profile, created on first use, readable by this user only. */
export function localCredentials(profile: Profile): Credentials {
  const dir = stateDir(profile);
  const file = join(dir, 'credentials.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
    if (
      typeof stored.apiKey === 'string' &&
      typeof stored.apiSecret === 'string' &&
      stored.apiSecret.length >= 32
    ) {
      return { apiKey: stored.apiKey, apiSecret: stored.apiSecret };
    }
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const created = {
    apiKey: `AH${randomBytes(9).toString('hex')}`,
    apiSecret: randomBytes(32).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

export function serverConfigYaml(profile: Profile, credentials: Credentials): string {
  const addresses = profile.addresses ?? ['127.0.0.1'];
  const nodeIp = addresses[0] ?? '127.0.0.1';
  // Offering a loopback candidate to a peer in another network namespace would only cost
  // it a failed check; the loopback candidate is for the plain loopback setup.
  const loopbackOnly = nodeIp === '127.0.0.1';
  const bind = loopbackOnly ? addresses : ['127.0.0.1', ...addresses];
  return [
    '# Written by scripts/local-livekit.ts; do not edit, it is regenerated on every start.',
    `port: ${profile.port}`,
    'bind_addresses:',
    ...[...new Set(bind)].map((address) => `  - ${address}`),
    'rtc:',
    // livekit-server opens its ICE-over-TCP port on every interface, whatever bind_addresses
    // says (the listener takes no address); 0 closes it. TCP is the fallback for networks
    // that block UDP, which loopback never does.
    '  tcp_port: 0',
    `  udp_port: ${profile.udpPort}`,
    `  node_ip: ${nodeIp}`,
    '  use_external_ip: false',
    `  enable_loopback_candidate: ${loopbackOnly}`,
    '  ips:',
    '    includes:',
    ...addresses.map((address) => `      - ${address}/32`),
    // A receiver whose first key frame was lost asks for another, 85-95 ms after the server's
    // own request for it at the subscription's start; LiveKit passes requests on at most every
    // 0.5-1 s per quality by default, and at 100 ms still dropped that one (README, "a
    // key-frame request passed on within 50 ms"). Under 10 % loss the senders made no more
    // key frames at 50 ms than at 300.
    '  pli_throttle:',
    '    low_quality: 50ms',
    '    mid_quality: 50ms',
    '    high_quality: 50ms',
    ...(profile.redis ? ['redis:', `  address: ${profile.redis.address}`] : []),
    ...(profile.region
      ? [
          `region: ${profile.region.name}`,
          'node_selector:',
          '  kind: regionaware',
          '  sort_by: random',
          // Both nodes share this machine's load, but report it at different moments. With
          // the default limit (0.9 per core), when the node the settings point at reads
          // over it and the other under, the selector passes over the nearer node: in one
          // CI run a room went to the other node.
          '  sysload_limit: 1000',
          '  regions:',
          ...profile.region.all.flatMap((region) => [
            `    - name: ${region.name}`,
            `      lat: ${region.lat}`,
            `      lon: ${region.lon}`,
          ]),
        ]
      : []),
    'room:',
    // Only rooms the host's app creates exist; a stray token cannot open a new one.
    '  auto_create: false',
    '  empty_timeout: 300',
    '  departure_timeout: 20',
    'turn:',
    '  enabled: false',
    'logging:',
    '  level: info',
    '  pion_level: error',
    'keys:',
    `  ${credentials.apiKey}: ${credentials.apiSecret}`,
    '',
  ].join('\n');
}

async function answers(profile: Profile): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${profile.port}/`, {
      signal: AbortSignal.timeout(1000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** True when the server on the port accepts our key (so it is ours, not a stranger's). */
async function acceptsCredentials(profile: Profile, credentials: Credentials): Promise<boolean> {
  const { RoomServiceClient } = await import('livekit-server-sdk');
  const client = new RoomServiceClient(
    `http://127.0.0.1:${profile.port}`,
    credentials.apiKey,
    credentials.apiSecret,
  );
  try {
    await client.listRooms();
    return true;
  } catch {
    return false;
  }
}

function tailOf(file: string, lines = 8): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Starts the server (or reuses ours if it already runs) and resolves once it answers. */
export async function startLocalLivekit(
  profile: Profile = profiles.dev,
  log: (line: string) => void = () => {},
  options: StartOptions = {},
): Promise<LocalLivekit> {
  const credentials = options.credentials ?? localCredentials(profile);
  const url = `ws://127.0.0.1:${profile.port}`;
  const dir = stateDir(profile);
  const logFile = join(dir, 'server.log');

  if (await answers(profile)) {
    if (options.reuse !== false && (await acceptsCredentials(profile, credentials))) {
      const nothing = async () => {};
      return { url, ...credentials, logFile, reused: true, stop: nothing, kill: nothing };
    }
    throw new LocalLivekitError(
      `Port ${profile.port} on 127.0.0.1 is taken by another program; stop it or free the port.`,
    );
  }

  const binary = ensureLivekitInstalled(log);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, serverConfigYaml(profile, credentials), { mode: 0o600 });
  const out = openSync(logFile, options.appendLog ? 'a' : 'w', 0o600);
  const child: ChildProcess = spawn(binary, ['--config', configFile], {
    stdio: ['ignore', out, out],
    // Settings come from our file only; a stray LIVEKIT_* variable must not override them.
    env: Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('LIVEKIT_')),
    ),
  });
  closeSync(out);

  let exited: number | null | undefined;
  // A test process that dies takes its server with it, so no stale node holds the ports.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', (code) => {
    exited = code;
    process.off('exit', killOnExit);
  });

  const deadline = Date.now() + 30_000;
  while (!(await answers(profile))) {
    if (exited !== undefined) {
      throw new LocalLivekitError(
        `livekit-server exited with code ${exited} before it answered.\n${tailOf(logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new LocalLivekitError(`livekit-server did not answer within 30 s.\n${tailOf(logFile)}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }

  const stop = () =>
    new Promise<void>((done) => {
      if (exited !== undefined) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  const kill = () =>
    new Promise<void>((done) => {
      if (exited !== undefined) return done();
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });

  return { url, ...credentials, logFile, reused: false, stop, kill };
}
