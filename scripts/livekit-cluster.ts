/**
 * LiveKit's own multi-node mode on one machine: Debian's `redis-server` on loopback and two
 * `livekit-server` nodes that share it, each on its own ports, one key pair for both.
 *
 * How LiveKit routes (v1.9, read from its source and seen in the nodes' logs):
 * - A room lives on exactly one node. Redis keeps the map (`room_node_map`: room name →
 *   node id), the nodes (`nodes`), and the rooms' and participants' state.
 * - The node that handles `CreateRoom` picks the room's node with its node selector. Here
 *   each node is its own region (`regionaware`), so a room is made on the node the app's
 *   settings point at; in one data centre the default (`any`, random) spreads them.
 * - A participant may connect its WebSocket to any node. That node relays the signalling
 *   to the room's node over Redis (psrpc "signal relay"), and the room's node offers its
 *   own ICE candidates, so media always flows to the room's node.
 *
 *   npm run cluster    (tsx scripts/livekit-cluster.ts) runs it until Ctrl+C
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  localCredentials,
  projectRoot,
  startLocalLivekit,
  testPort,
  type LocalLivekit,
  type Profile,
} from './local-livekit';

const REDIS = '/usr/bin/redis-server';

export interface Redis {
  address: string;
  /** Runs one command with redis-cli and returns its output lines. */
  command(...args: string[]): string[];
  stop(): Promise<void>;
}

export interface ClusterNode {
  name: 'a' | 'b';
  livekit: LocalLivekit;
  /** LiveKit's node id, from the node's own start line. */
  nodeId: string;
  /** Where the node takes media (UDP mux). */
  udpPort: number;
  logFile: string;
}

export interface LivekitCluster {
  redis: Redis;
  nodes: [ClusterNode, ClusterNode];
  apiKey: string;
  apiSecret: string;
  /** The node id holding a room, from Redis (undefined: no such room). */
  nodeOfRoom(room: string): string | undefined;
  stop(): Promise<void>;
}

export function redisAvailable(): string | null {
  const found = spawnSync(REDIS, ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? null : 'redis-server is missing: apt-get install redis-server';
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      done(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

/** Redis on 127.0.0.1 only, in memory only (no dump, no append-only file). */
export async function startRedis(port: number): Promise<Redis> {
  if (await answersPing(port)) throw new Error(`port ${port} already answers as a Redis`);
  const dir = join(projectRoot, '.local', 'redis', String(port));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const child: ChildProcess = spawn(
    REDIS,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--protected-mode',
      'yes',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--loglevel',
      'warning',
    ],
    { stdio: 'ignore' },
  );
  let exited = false;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => {
    exited = true;
    process.off('exit', killOnExit);
  });
  const deadline = Date.now() + 20_000;
  while (!(await answersPing(port))) {
    if (exited) throw new Error('redis-server exited before it answered');
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('redis-server did not answer within 20 s');
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    address: `127.0.0.1:${port}`,
    command: (...args) => {
      const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`redis-cli ${args[0]} failed: ${result.stderr}`);
      return result.stdout.split('\n').filter((line) => line !== '');
    },
    stop: () =>
      new Promise<void>((done) => {
        if (exited) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Two regions far enough apart that each node prefers itself for the rooms it creates. */
const REGIONS = [
  { name: 'a', lat: 52.52, lon: 13.4 },
  { name: 'b', lat: 48.14, lon: 11.58 },
];

/** The nodes' ports sit 13 to 18 above the test port, Redis at 29 (see network-lab.ts). */
export function clusterProfiles(redisAddress: string): [Profile, Profile] {
  const node = (name: 'a' | 'b', offset: number): Profile => ({
    name: `cluster-${name}`,
    port: testPort + offset,
    udpPort: testPort + offset + 2,
    redis: { address: redisAddress },
    region: { name, all: REGIONS },
  });
  return [node('a', 13), node('b', 16)];
}

export const clusterRedisPort = () => testPort + 29;

function nodeIdFrom(logFile: string): string {
  const match = /"nodeID": "(ND_[A-Za-z0-9]+)"/.exec(readFileSync(logFile, 'utf8'));
  if (!match?.[1]) throw new Error(`no node id in ${logFile}`);
  return match[1];
}

export async function startLivekitCluster(): Promise<LivekitCluster> {
  const unavailable = redisAvailable();
  if (unavailable) throw new Error(unavailable);
  const redis = await startRedis(clusterRedisPort());
  const started: LocalLivekit[] = [];
  const stop = async () => {
    await Promise.all(started.map((node) => node.stop()));
    await redis.stop();
  };
  try {
    const profiles = clusterProfiles(redis.address);
    // One key pair for the cluster: the app talks to either node with the same secret.
    const credentials = localCredentials({ ...profiles[0], name: 'cluster' });
    const nodes: ClusterNode[] = [];
    for (const [index, profile] of profiles.entries()) {
      const livekit = await startLocalLivekit(profile, () => {}, { reuse: false, credentials });
      started.push(livekit);
      nodes.push({
        name: index === 0 ? 'a' : 'b',
        livekit,
        nodeId: nodeIdFrom(livekit.logFile),
        udpPort: profile.udpPort,
        logFile: livekit.logFile,
      });
    }
    return {
      redis,
      nodes: nodes as [ClusterNode, ClusterNode],
      ...credentials,
      nodeOfRoom: (room) => redis.command('HGET', 'room_node_map', room)[0],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  startLivekitCluster().then(
    (cluster) => {
      say(`Redis on ${cluster.redis.address}`);
      for (const node of cluster.nodes)
        say(`node ${node.name}: ${node.livekit.url} (${node.nodeId}), log ${node.logFile}`);
      const shutdown = () => void cluster.stop().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
