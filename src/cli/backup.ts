import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ERASURE_KEY_FILE, SECRET_KEY_FILE, type Config } from '../config.js';
import { Conflict, Invalid } from '../lib/errors.js';
import { writeTar } from '../lib/tar.js';

// `insights backup <file>`: one tar file that a fresh DATA_DIR is unpacked from
// (`tar -xf <file> -C "$DATA_DIR"`, docs/operations.md). The SQLite database is copied with
// SQLite's online backup (consistent while the server runs and writes), the media folder and the
// generated key files as they are; they are gathered in a folder beside the file, packed, and the
// file appears only when complete. PostgreSQL is backed up with pg_dump, which knows its own
// server better than we could.

/** The folders of DATA_DIR a backup copies besides the database (those that exist). */
const FOLDERS = ['media'] as const;

/** Writes the backup to the tar file `file` (which must not exist); returns what it holds. */
export async function backupDataDir(config: Config, file: string): Promise<string[]> {
  if (config.database.kind === 'postgres') {
    throw new Invalid(
      `insights backup copies SQLite databases only; back up PostgreSQL with pg_dump, e.g.\n  pg_dump --format=custom --file=${file.replace(/\.tar$/, '')}.pgdump "$DATABASE_URL"\n` +
        `and copy ${join(config.dataDir, SECRET_KEY_FILE)}, ${join(config.dataDir, ERASURE_KEY_FILE)} and ${join(config.dataDir, 'media')} beside it (docs/operations.md). Nothing was written.`,
    );
  }
  if (existsSync(file)) throw new Conflict(`${file} already exists; choose a new file name (nothing was overwritten)`);
  if (!existsSync(dirname(file))) throw new Invalid(`there is no folder ${dirname(file)} to write ${basename(file)} into`);
  if (!existsSync(config.database.file)) throw new Invalid(`there is no database at ${config.database.file} to back up (is DATA_DIR right?)`);
  const dir = mkdtempSync(join(dirname(file), `.${basename(file)}-`));
  const partial = `${dir}.partial`;
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
    writeFileSync(join(dir, 'BACKUP.txt'), `Innovation Insights backup of ${config.dataDir}, ${new Date().toISOString()}.\nRestore: unpack it into an empty DATA_DIR: tar -xf <this file> -C "$DATA_DIR" (docs/operations.md).\n`);
    writeTar(dir, partial);
    renameSync(partial, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
  return written;
}
