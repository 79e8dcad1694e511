/**
 * Bounds both processes apply. No zod and no other import, so the sandboxed preload can
 * take them without pulling anything else into its bundle.
 */

/**
 * The longest invite or call link (whole link or fragment) any part of the app accepts:
 * the parser, the deep-link handler, the `deeplink:open` event and the preload all use
 * this one number, so every link that parses can also be delivered.
 */
export const MAX_LINK_LENGTH = 8192;
