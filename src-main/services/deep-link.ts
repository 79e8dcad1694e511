/**
 * Desktop deep links (`augenhoehe://join#…`) as plain functions: where the operating system
 * puts the link, and whether it is an invite the page may open. Nothing here navigates;
 * a valid link only becomes the fragment the page receives with `deeplink:open`.
 */
import {
  APP_LINK_PREFIX,
  inviteFragment,
  parseInviteUrl,
  type InviteProblem,
} from '../../src-shared/invite-link';
import { MAX_LINK_LENGTH } from '../../src-shared/limits';

export const DEEP_LINK_SCHEME = 'augenhoehe';
const SCHEME_PREFIX = `${DEEP_LINK_SCHEME}:`;

export type DeepLinkResult = { ok: true; fragment: string } | { ok: false; problem: InviteProblem };

/** Windows passes `"%1"`; a shell or a hand-written shortcut may leave the quotes in. */
function unquote(arg: string): string {
  return arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"') ? arg.slice(1, -1) : arg;
}

function hasDeepLinkScheme(value: string): boolean {
  return value.slice(0, SCHEME_PREFIX.length).toLowerCase() === SCHEME_PREFIX;
}

/**
 * The link in a command line (first start on Windows and Linux, and `second-instance`).
 * Only an argument that is itself an `augenhoehe:` URL counts: switches such as
 * `--foo=augenhoehe://…`, other schemes and the literal `%u` of a bare Linux launch are
 * ignored. The operating system appends the link, so the last one wins.
 */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  if (!Array.isArray(argv)) return null;
  for (let i = argv.length - 1; i >= 0; i -= 1) {
    const arg = argv[i];
    if (typeof arg !== 'string') continue;
    const candidate = unquote(arg.trim());
    if (hasDeepLinkScheme(candidate)) return candidate;
  }
  return null;
}

/**
 * Accepts only the desktop form of an invite, validated and with a future expiry, and
 * hands on a fresh fragment built from the parsed invite, so unknown parameters never
 * reach the page.
 */
export function handleDeepLink(
  url: string,
  nowSeconds: number = Date.now() / 1000,
): DeepLinkResult {
  if (typeof url !== 'string') return { ok: false, problem: 'link-malformed' };
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  // Schemes are case-insensitive, and some browsers add a slash after the host.
  const normalized = base.toLowerCase();
  if (normalized !== APP_LINK_PREFIX && normalized !== `${APP_LINK_PREFIX}/`) {
    return { ok: false, problem: 'link-malformed' };
  }
  const parsed = parseInviteUrl(`${APP_LINK_PREFIX}${url.slice(base.length)}`, nowSeconds);
  if (!parsed.ok) return parsed;
  const fragment = inviteFragment(parsed.invite);
  if (fragment.length > MAX_LINK_LENGTH) return { ok: false, problem: 'link-malformed' };
  return { ok: true, fragment };
}
