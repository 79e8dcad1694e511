import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseServerAddress } from '../../src-shared/server-address';

/**
 * `npm start` runs the embedded LiveKit server and tells the app where it is through two
 * variables: the URL, and the path of the git-ignored file holding its key pair. The secret
 * itself never travels in the environment.
 */
export const LOCAL_SERVER_URL_VARIABLE = 'AUGENHOEHE_LOCAL_LIVEKIT_URL';
export const LOCAL_SERVER_CREDENTIALS_VARIABLE = 'AUGENHOEHE_LOCAL_LIVEKIT_CREDENTIALS';

const CredentialsFile = z.object({ apiKey: z.string().min(1), apiSecret: z.string().min(32) });

export interface LocalServerConfig {
  serverUrl: string;
  apiKey: string;
  apiSecret: string;
}

export function readLocalServerConfig(env: NodeJS.ProcessEnv): LocalServerConfig | null {
  const serverUrl = env[LOCAL_SERVER_URL_VARIABLE];
  const file = env[LOCAL_SERVER_CREDENTIALS_VARIABLE];
  if (!serverUrl || !file) return null;
  const address = parseServerAddress(serverUrl);
  if (!address.ok) throw new Error(`${LOCAL_SERVER_URL_VARIABLE} is not a usable server address`);
  const credentials = CredentialsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  return { serverUrl: address.url, ...credentials };
}
