import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERASURE_KEY_FILE, SECRET_KEY_FILE, type Config } from '../config.js';
import { Conflict, Invalid } from '../lib/errors.js';

// `insights backup <dir>`: a folder that a fresh DATA_DIR can be made from (docs/operations.md).
// The SQLite database is copied with SQLite's online backup (consistent while the server runs and
// writes), the media folder and the generated key files are copied as they are. PostgreSQL is
// backed up with pg_dump, which knows its own server better than we could.

/** The folders of DATA_DIR a backup copies besides the database (those that exist). */
const FOLDERS = ['media'] as const;

/** Writes the backup into `dir` (which must not exist or be empty); returns what it wrote. */
export async function backupDataDir(config: Config, dir: string): Promise<string[]> {
  if (config.database.kind === 'postgres') {
    throw new Invalid(
      `insights backup copies SQLite databases only; back up PostgreSQL with pg_dump, e.g.\n  pg_dump --format=custom --file=${join(dir, 'insights.pgdump')} "$DATABASE_URL"\n` +
        `and copy ${join(config.dataDir, SECRET_KEY_FILE)}, ${join(config.dataDir, ERASURE_KEY_FILE)} and ${join(config.dataDir, 'media')} beside it (docs/operations.md). Nothing was written.`,
    );
  }
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new Conflict(`${dir} already exists and is not an empty folder; choose a new one (nothing was overwritten)`);
  }
  if (!existsSync(config.database.file)) throw new Invalid(`there is no database at ${config.database.file} to back up (is DATA_DIR right?)`);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  try {
    const { default: SQLite } = await import('better-sqlite3');
    const source = new SQLite(config.database.file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(join(dir, 'insights.sqlite'));
    } finally {
      source.close();
    }
    written.push('insights.sqlite');
    for (const name of [SECRET_KEY_FILE, ERASURE_KEY_FILE]) {
      if (!existsSync(join(config.dataDir, name))) continue; // set in the environment instead: the operator keeps it
      cpSync(join(config.dataDir, name), join(dir, name));
      written.push(name);
    }
    for (const folder of FOLDERS) {
      if (!existsSync(join(config.dataDir, folder))) continue;
      cpSync(join(config.dataDir, folder), join(dir, folder), { recursive: true });
      written.push(`${folder}/`);
    }
    writeFileSync(join(dir, 'BACKUP.txt'), `Innovation Insights backup of ${config.dataDir}, ${new Date().toISOString()}.\nRestore: copy every file here into an empty DATA_DIR (docs/operations.md).\n`);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return written;
}
