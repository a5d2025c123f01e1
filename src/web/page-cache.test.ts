import { describe, expect, it } from 'vitest';
import type { Clock } from '../lib/clock.js';
import { PageCache } from './page-cache.js';

function manualClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

describe('PageCache', () => {
  it('builds once, then serves from memory', async () => {
    const clock = manualClock();
    const cache = new PageCache({ readVersion: async () => 'v1', clock });
    let builds = 0;
    const build = async () => ({ contentType: 'text/html', body: Buffer.from(`page ${++builds}`) });
    const first = await cache.get('/a', build);
    const second = await cache.get('/a', build);
    expect(builds).toBe(1);
    expect(second.body.toString()).toBe('page 1');
    expect(second.etag).toBe(first.etag);
  });

  it('drops pages when another process changed the content version, checking at most once a second', async () => {
    const clock = manualClock();
    let version = 'v1';
    let reads = 0;
    const cache = new PageCache({ readVersion: async () => (reads++, version), clock, checkEveryMs: 1000 });
    let builds = 0;
    const build = async () => ({ contentType: 'text/html', body: Buffer.from(`page ${++builds}`) });
    await cache.get('/a', build);
    version = 'v2';
    clock.advance(500);
    expect((await cache.get('/a', build)).body.toString()).toBe('page 1');
    expect(reads).toBe(1);
    clock.advance(600);
    expect((await cache.get('/a', build)).body.toString()).toBe('page 2');
    expect(reads).toBe(2);
  });

  it('expires pages after maxAge and forgets failed builds', async () => {
    const clock = manualClock();
    const cache = new PageCache({ readVersion: async () => 'v', clock, maxAgeMs: 60_000, checkEveryMs: 10 ** 9 });
    let builds = 0;
    const build = async () => ({ contentType: 'text/html', body: Buffer.from(`page ${++builds}`) });
    await cache.get('/a', build);
    clock.advance(60_001);
    expect((await cache.get('/a', build)).body.toString()).toBe('page 2');
    await expect(cache.get('/b', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('/b', build)).body.toString()).toBe('page 3');
  });

  it('keeps at most maxEntries pages, dropping the oldest', async () => {
    const cache = new PageCache({ readVersion: async () => 'v', clock: manualClock(), maxEntries: 2 });
    const build = (text: string) => async () => ({ contentType: 'text/html', body: Buffer.from(text) });
    await cache.get('/a', build('a'));
    await cache.get('/b', build('b'));
    await cache.get('/c', build('c'));
    expect(cache.size).toBe(2);
    expect((await cache.get('/a', build('a2'))).body.toString()).toBe('a2');
    expect((await cache.get('/c', build('c2'))).body.toString()).toBe('c');
  });

  it('clear() drops everything at once', async () => {
    const cache = new PageCache({ readVersion: async () => 'v', clock: manualClock() });
    await cache.get('/a', async () => ({ contentType: 'text/html', body: Buffer.from('x') }));
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
