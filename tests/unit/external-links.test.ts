import { describe, expect, it } from 'vitest';
import { isOpenableExternalUrl } from '../../src-main/services/external-links';

// Main's own check before the system browser opens anything; the page may have been tricked.
describe('links handed to the system browser', () => {
  it.each([
    ['https://example.org/', true],
    ['http://example.org/termine?x=1', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,<script>', false],
    ['file:///etc/passwd', false],
    ['augenhoehe://join#v=2', false],
    ['https://user:pw@example.org/', false],
    ['https://exa mple.org/', false],
    ['https://example.org/\u202egpj.exe', false],
    ['https://example.org/\u0000', false],
    ['https:example.org', false],
    ['//example.org', false],
    [`https://example.org/${'a'.repeat(2100)}`, false],
    ['', false],
  ])('%s → %s', (url, allowed) => {
    expect(isOpenableExternalUrl(url)).toBe(allowed);
  });
});
