import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../db/connect.js';
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
