import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { createContact } from '../../test/support/people.js';
import { runInsights as run } from '../../test/support/cli.js';

// `insights staff add|reset|list` and `insights login-link` on a real SQLite file.

let dataDir: string;


beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-staff-'));
  process.env.DATA_DIR = dataDir;
  process.env.SITE_URL = 'https://insights.example.org';
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  delete process.env.SITE_URL;
  await rm(dataDir, { recursive: true, force: true });
});

describe('insights staff and login-link', () => {
  it('adds a staff member and prints a one-time set-password link', async () => {
    const added = await run('staff', 'add', 'Editor@Example.org', '--role', 'owner', '--name', 'Eda Editor');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^added Editor@Example\.org as owner\nset the password within 24 hours at:\nhttps:\/\/insights\.example\.org\/admin\/password\/[A-Za-z0-9_-]{43}\n$/);

    const again = await run('staff', 'add', 'editor@example.org', '--role', 'editor');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has a staff account');
    expect(again.stderr).toContain('insights staff reset');

    const reset = await run('staff', 'reset', 'editor@example.org');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/\/admin\/password\/[A-Za-z0-9_-]{43}\n$/);

    const list = await run('staff', 'list');
    expect(list.stdout).toBe('Editor@Example.org\towner\tinvited\n');
  });

  it('exits 2 on a missing or unknown role, and 1 for an unknown address', async () => {
    expect((await run('staff', 'add', 'x@example.org')).code).toBe(2);
    expect((await run('staff', 'add', 'x@example.org', '--role', 'king')).code).toBe(2);
    const unknown = await run('staff', 'reset', 'nobody@example.org');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No active staff account has the address nobody@example.org');
  });

  it('prints a member sign-in link for a contact, and explains when there is none', async () => {
    const db = await connectDatabase({ kind: 'sqlite', file: join(dataDir, 'insights.sqlite') });
    await createContact(db, 'mia@member.example', { name: 'Member GmbH', membership: 'active' });
    await db.destroy();
    const link = await run('login-link', 'MIA@member.example');
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/^sign-in link for mia@member\.example \(works once, within 15 minutes\):\nhttps:\/\/insights\.example\.org\/login\/[A-Za-z0-9_-]{43}\n$/);
    const none = await run('login-link', 'ghost@example.org');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No contact has the address ghost@example.org');
  });
});

// A newcomer runs `npm start` in one shell and `insights login-link` in another, where neither
// SITE_URL nor PORT is set: the link must open on the running server, wherever it listens.
describe('links without SITE_URL or PORT in the shell', () => {
  const MAIN = join(import.meta.dirname, '../main.ts');
  let serverDir: string;
  let server: ChildProcess;
  let serverUrl: string;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    serverDir = await mkdtemp(join(tmpdir(), 'insights-cli-address-'));
    const db = await connectDatabase({ kind: 'sqlite', file: join(serverDir, 'insights.sqlite') });
    await migrateToLatest(db);
    await createContact(db, 'newcomer@member.example', { name: 'Newcomer GmbH', membership: 'active' });
    await db.destroy();
    // The real web process on a port the OS picks, as `npm start` runs it (without the build step).
    server = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, DATA_DIR: serverDir, PORT: '0', SITE_URL: '', DATABASE_URL: '', DEMO: '0', WORKER: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    serverUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (listening) resolve(listening[1]!);
      });
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
    });
    process.env.DATA_DIR = serverDir;
    delete process.env.SITE_URL;
    delete process.env.PORT;
  }, 60_000);
  afterAll(async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
    process.env.SITE_URL = 'https://insights.example.org';
    await rm(serverDir, { recursive: true, force: true });
  });

  it('prints links to the running server, which open there; PORT and SITE_URL in the shell still win', async () => {
    expect(serverUrl).not.toBe('http://127.0.0.1:3000');
    const link = await run('login-link', 'newcomer@member.example');
    expect(link.code).toBe(0);
    expect(link.stderr).toBe('');
    const url = /\n(\S+)\n$/.exec(link.stdout)?.[1] ?? '';
    expect(url.startsWith(`${serverUrl}/login/`)).toBe(true);
    const opened = await fetch(url);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Press the button to finish signing in');

    const added = await run('staff', 'add', 'desk@example.org', '--role', 'owner');
    expect(added.stdout).toContain(`\n${serverUrl}/admin/password/`);
    const reset = await run('staff', 'reset', 'desk@example.org');
    expect(reset.stdout).toContain(`\n${serverUrl}/admin/password/`);

    process.env.PORT = '4321';
    try {
      expect((await run('staff', 'reset', 'desk@example.org')).stdout).toContain('\nhttp://127.0.0.1:4321/admin/password/');
      process.env.SITE_URL = 'https://news.example.org/';
      expect((await run('login-link', 'newcomer@member.example')).stdout).toContain('\nhttps://news.example.org/login/');
    } finally {
      delete process.env.PORT;
      delete process.env.SITE_URL;
    }
  });

  it('forgets the address on a clean stop, ignores one left by a process that is gone, and says what it assumed', async () => {
    const file = join(serverDir, 'server-address.json');
    expect(existsSync(file)).toBe(true);
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(file)).toBe(false);

    const fallback = await run('staff', 'reset', 'desk@example.org');
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toContain('\nhttp://127.0.0.1:3000/admin/password/');
    expect(fallback.stderr).toContain(`note: neither SITE_URL nor PORT is set and no running server is recorded in ${file}`);
    expect(fallback.stderr).toContain('set SITE_URL');

    // A server killed without a clean stop leaves its file; its process id no longer runs.
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(file, `${JSON.stringify({ url: serverUrl, pid: gone })}\n`);
    expect((await run('login-link', 'newcomer@member.example')).stdout).toContain('\nhttp://127.0.0.1:3000/login/');
  });
});
