/**
 * Which addresses the desktop app hands to the system browser: http(s) with a host, no
 * credentials, nothing invisible. The renderer asks the person first; this is the check
 * on main's side, because a compromised page could skip the question.
 */
export function isOpenableExternalUrl(text: string): boolean {
  if (text.length > 2048 || [...text].some(isInvisible)) return false;
  try {
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.hostname.length > 0 &&
      url.username === '' &&
      url.password === '' &&
      /^https?:\/\//i.test(text)
    );
  } catch {
    return false;
  }
}

/** Whitespace, control, zero-width and text-direction characters: none belong in an address. */
function isInvisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    /\s/.test(char) ||
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}
