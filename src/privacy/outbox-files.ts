import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The outbox entry of the registry: without SMTP_URL every message is an .eml file in
// DATA_DIR/outbox; a person's are the ones whose text names their address (To: header, body).

const EML = /\.eml$/;

/** The outbox files that name the address (lower-cased comparison); none without an outbox. */
export function outboxFilesOf(outboxDir: string | null, emailKey: string): string[] {
  if (!outboxDir) return [];
  let names: string[];
  try {
    names = readdirSync(outboxDir).filter((name) => EML.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []; // nothing was ever written
    throw error;
  }
  return names.map((name) => join(outboxDir, name)).filter((file) => readFileSync(file, 'latin1').toLowerCase().includes(emailKey));
}

/** Removes the files (already gone is fine: another process may have cleared the outbox). */
export function removeFiles(files: readonly string[]): void {
  for (const file of files) rmSync(file, { force: true });
}
