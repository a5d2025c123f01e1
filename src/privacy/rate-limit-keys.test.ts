import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { addressRateKey, networkKey, networkOf } from '../lib/request-security.js';
import { fixedClock } from '../lib/clock.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, TEST_SECRET_KEY } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody } from '../../test/support/desk.js';

// Rate-limit keys hold a keyed hash of the client's network (/24, /48), never its IP address,
// and a keyed hash of an address, never the address: the counters are personal data otherwise
// (docs/privacy.md).

describe('the network a rate limit counts', () => {
  it('is the /24 of IPv4 (also IPv4-mapped) and the /48 of IPv6', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:0DB8:ABCD:0012:0000:0000:0000:0001')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf('::1')).toBe('0:0:0::/48');
  });

  it('is kept as a keyed hash: the same for one network, different for another and under another key', () => {
    expect(networkKey(TEST_SECRET_KEY, '203.0.113.77')).toBe(networkKey(TEST_SECRET_KEY, '203.0.113.5'));
    expect(networkKey(TEST_SECRET_KEY, '203.0.113.77')).not.toBe(networkKey(TEST_SECRET_KEY, '203.0.114.77'));
    expect(networkKey(TEST_SECRET_KEY, '203.0.113.77')).not.toBe(networkKey(`${TEST_SECRET_KEY}-other`, '203.0.113.77'));
    expect(networkKey(TEST_SECRET_KEY, '203.0.113.77')).not.toContain('203.0.113');
  });
});

forEachDialect('rate-limit keys', ({ db }) => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp(db(), { clock: fixedClock('2026-11-28T12:00:00Z') });
  });
  afterAll(() => destroyTestApp(app));

  it('the sign-in form, the contact form and the desk sign-in store no client address and no email address', async () => {
    const client = '198.51.100.23';
    for (const [url, fields] of [
      ['/login', { email: 'someone@example.com' }],
      ['/contact', { name: 'Sam', email: 'sam@example.com', company: '', topic: 'programs', message: 'Hello there, a question.' }],
      ['/admin/login', { email: 'staff@example.com', password: 'wrong password here', next: '/admin' }],
    ] as const) {
      const page = await app.http.inject({ url, remoteAddress: client });
      const response = await app.http.inject({
        method: 'POST', url, remoteAddress: client,
        headers: { cookie: cookiesFrom(page.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfTokenIn(page.body), ...fields }),
      });
      expect(response.statusCode, url).toBeLessThan(500);
    }
    const keys = (await db().selectFrom('rate_limits').select('key').execute()).map((row) => row.key);
    expect(keys.filter((key) => key.includes(':net:'))).toHaveLength(3);
    expect(keys).toContain(`staff-sign-in:net:${networkKey(TEST_SECRET_KEY, client)}`);
    for (const key of keys) {
      expect(key).not.toContain('198.51.100');
      expect(key).not.toContain(':ip:');
      expect(key).not.toContain('@'); // the per-address counters hold a keyed hash of the address
    }
    expect(keys).toContain(`sign-in-link:email:${addressRateKey(TEST_SECRET_KEY, ' SomeOne@example.com ')}`);
  });
});
