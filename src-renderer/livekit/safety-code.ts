/**
 * The safety code: nine digits everyone in the call sees, derived from the call key and the
 * host's public key. Read aloud and compared, it shows that everyone holds the same key
 * from the same host, so no one sits in between. It changes with every key change.
 */
import { callKeyBytes } from './call-key';

const LABEL = new TextEncoder().encode('augenhoehe safety code v1\n');

export async function safetyCode(callKey: string, hostPublicKey: string): Promise<string> {
  const key = new Uint8Array(callKeyBytes(callKey));
  const host = new TextEncoder().encode(`\n${hostPublicKey}`);
  const input = new Uint8Array(LABEL.length + key.length + host.length);
  input.set(LABEL);
  input.set(key, LABEL.length);
  input.set(host, LABEL.length + key.length);
  const digest = new DataView(await crypto.subtle.digest('SHA-256', input));
  // 40 bits into 9 digits: the bias of the modulo is below 0.1 %, too small to matter here.
  const value = (digest.getUint32(0) * 256 + digest.getUint8(4)) % 1_000_000_000;
  const digits = value.toString().padStart(9, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
