import { appOrigin, cspViolations, expect, test } from './helpers';

test('the web build is served with a strict CSP that the page obeys and enforces', async ({
  open,
}) => {
  const page = await open();
  const response = await page.goto(`${appOrigin()}/`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');

  // A guest page without a link explains itself and loads without a single violation.
  await expect(page.getByRole('alert')).toHaveText(
    'Dieser Link ist unvollständig oder beschädigt. Bitte fragen Sie nach einem neuen Link.',
  );
  expect(await cspViolations(page)).toEqual([]);

  // The policy is enforced: an injected inline script does not run, and no request can go
  // to a host other than the app and its LiveKit server.
  const outcome = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const fetched = await fetch('http://127.0.0.2:9/').then(
      () => true,
      () => false,
    );
    return {
      injected: 'injected' in window && (window as { __injected?: boolean }).__injected === true,
      fetched,
    };
  });
  expect(outcome).toEqual({ injected: false, fetched: false });
  await expect
    .poll(() => cspViolations(page))
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^script-src/),
        expect.stringMatching(/^connect-src/),
      ]),
    );
});
