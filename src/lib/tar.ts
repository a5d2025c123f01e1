import { closeSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// A plain POSIX ustar archive of a folder, written with node alone (for `insights backup`): every
// file and folder under `root`, paths relative to it, read in chunks so a large database is never
// held in memory. `tar -xf <file> -C <dir>` (GNU tar, bsdtar, busybox) unpacks it.

const BLOCK = 512;
const CHUNK = 1 << 20;

/** The ustar header of one entry; throws when the path does not fit ustar's name fields. */
function header(path: string, size: number, mtime: Date, directory: boolean): Buffer {
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new Error(`${path}: too long a path for a tar archive`);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  const block = Buffer.alloc(BLOCK);
  const put = (text: string, offset: number, length: number) => block.write(text, offset, length, 'utf8');
  const octal = (value: number, offset: number, length: number) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length);
  put(name, 0, 100);
  octal(directory ? 0o755 : 0o600, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(directory ? 0 : size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  put('        ', 148, 8); // the checksum counts its own field as spaces
  put(directory ? '5' : '0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/** Every file and folder under `root`, folders before what they hold, in a stable order. */
function entriesOf(root: string, dir = root): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    found.push(path);
    if (statSync(path).isDirectory()) found.push(...entriesOf(root, path));
  }
  return found;
}

/** Writes `root`'s contents into a new tar file at `file` (which must not exist). */
export function writeTar(root: string, file: string): void {
  const out = openSync(file, 'wx', 0o600);
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (const path of entriesOf(root)) {
      const stat = statSync(path);
      const name = relative(root, path).split(sep).join('/');
      if (stat.isDirectory()) {
        writeSync(out, header(`${name}/`, 0, stat.mtime, true));
        continue;
      }
      writeSync(out, header(name, stat.size, stat.mtime, false));
      const input = openSync(path, 'r');
      try {
        let copied = 0;
        for (let read = readSync(input, buffer, 0, CHUNK, null); read > 0; read = readSync(input, buffer, 0, CHUNK, null)) {
          writeSync(out, buffer, 0, read);
          copied += read;
        }
        if (copied !== stat.size) throw new Error(`${path} changed while it was archived`);
        const padding = (BLOCK - (copied % BLOCK)) % BLOCK;
        if (padding > 0) writeSync(out, Buffer.alloc(padding));
      } finally {
        closeSync(input);
      }
    }
    writeSync(out, Buffer.alloc(BLOCK * 2));
  } finally {
    closeSync(out);
  }
}
