import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VNU_JAR } from './requirements.js';

// The Nu Html Checker (the W3C validator) from the vnu-jar package, on the system Java. The JVM
// takes seconds to start, so one run checks every file.

/** One error the checker reported. */
export interface HtmlError {
  readonly file: string;
  readonly line: number | undefined;
  readonly message: string;
  readonly extract: string | undefined;
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Checks HTML files in one JVM run; returns every error per file (an empty list: valid). */
export async function validateHtmlFiles(files: readonly string[]): Promise<Map<string, HtmlError[]>> {
  const byFile = new Map<string, HtmlError[]>(files.map((file) => [file, []]));
  if (files.length === 0) return byFile;
  const { stdout, stderr, code } = await run('java', ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--stdout', '--errors-only', ...files]);
  let messages: VnuMessage[];
  try {
    messages = (JSON.parse(stdout) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(`the Nu Html Checker failed (exit ${code}): ${stderr || stdout}`);
  }
  for (const message of messages) {
    // `error`, and `non-document-error` (the file could not be read); warnings are left out.
    if (message.type !== 'error' && message.type !== 'non-document-error') continue;
    const file = message.url?.startsWith('file:') ? fileURLToPath(message.url) : (message.url ?? '');
    const errors = byFile.get(file) ?? [];
    errors.push({ file: basename(file), line: message.lastLine, message: message.message, extract: message.extract });
    byFile.set(file, errors);
  }
  return byFile;
}

/** One line per error, for assertion messages. */
export function describeHtmlErrors(errors: readonly HtmlError[]): string {
  return errors.map((e) => `${e.file}:${e.line ?? '?'}: ${e.message}${e.extract ? ` in ${JSON.stringify(e.extract)}` : ''}`).join('\n');
}

function run(command: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, stderr, code }));
  });
}
