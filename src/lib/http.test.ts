import { describe, expect, it } from 'vitest';
import { loggableUrl, serializeRequest } from './http.js';

// What log lines show of a request's address: never a token (docs/feeds.md, "Logging").

const TOKEN = 'nD1p0Z_M5mz1BHmsofsr-hBNYv3icCnpC4PoGBstqYY';

describe('loggableUrl', () => {
  it('redacts the segments the route names a token, in every language, and drops the query', () => {
    expect(loggableUrl({ url: `/feeds/private/${TOKEN}.xml?page=2`, routeOptions: { url: '/feeds/private/:token.xml' } })).toBe('/feeds/private/[redacted].xml');
    expect(loggableUrl({ url: `/de/login/${TOKEN}`, routeOptions: { url: '/de/login/:token' } })).toBe('/de/login/[redacted]');
    expect(loggableUrl({ url: `/events/expo-2027/call/withdraw/${TOKEN}`, routeOptions: { url: '/events/:slug/call/withdraw/:token' } })).toBe('/events/expo-2027/call/withdraw/[redacted]');
  });

  it('keeps addresses without tokens, and redacts token-shaped segments when no route matched', () => {
    expect(loggableUrl({ url: '/stories/china-56-new-unicorns-2023?q=secret', routeOptions: { url: '/stories/:slug' } })).toBe('/stories/china-56-new-unicorns-2023');
    expect(loggableUrl({ url: `/feeds/private/${TOKEN}.json`, routeOptions: {} })).toBe('/feeds/private/[redacted].json');
    expect(loggableUrl({ url: '/no/such-page-with-a-fairly-long-slug-of-words' })).toBe('/no/such-page-with-a-fairly-long-slug-of-words');
  });

  it('is what the `req` serializer logs, with the method and nothing else', () => {
    expect(serializeRequest({ method: 'GET', url: `/unsubscribe/${TOKEN}`, routeOptions: { url: '/unsubscribe/:token' } })).toEqual({ method: 'GET', url: '/unsubscribe/[redacted]' });
  });
});
