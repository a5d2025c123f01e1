import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { NotFound } from '../lib/errors.js';

/** A message kept in the outbox, as the admin lists it. */
export interface OutboxEntry {
  readonly file: string;
  readonly to: string;
  readonly subject: string;
  readonly date: string;
}

/** A message with its bodies, for reading in the admin. */
export interface OutboxMessage extends OutboxEntry {
  readonly text: string;
  readonly raw: string;
}

const FILE = /^[0-9TZ-]+-[0-9a-f]{8}\.eml$/;

/** The message files in the outbox, newest first (names sort by time). */
function outboxFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((file) => FILE.test(file)).sort().reverse();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** How many messages the outbox holds, without reading them. */
export function countOutbox(dir: string): number {
  return outboxFiles(dir).length;
}

/** The newest messages first. */
export async function listOutbox(dir: string, limit = 200): Promise<OutboxEntry[]> {
  const files = outboxFiles(dir);
  return Promise.all(files.slice(0, limit).map(async (file) => summarise(file, await simpleParser(readFileSync(join(dir, file))))));
}

/** One message by file name; names are checked, so no path can escape the folder. */
export async function readOutboxMessage(dir: string, file: string): Promise<OutboxMessage> {
  if (!FILE.test(file)) throw new NotFound('There is no such message in the outbox.');
  const path = join(dir, file);
  let raw: Buffer;
  try {
    if (!statSync(path).isFile()) throw new NotFound('There is no such message in the outbox.');
    raw = readFileSync(path);
  } catch (error) {
    if (error instanceof NotFound || (error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFound('There is no such message in the outbox.');
    throw error;
  }
  const parsed = await simpleParser(raw);
  return { ...summarise(file, parsed), text: parsed.text ?? '', raw: raw.toString('utf8') };
}

function summarise(file: string, parsed: Awaited<ReturnType<typeof simpleParser>>): OutboxEntry {
  const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
  return { file, to, subject: parsed.subject ?? '', date: (parsed.date ?? new Date(0)).toISOString() };
}
