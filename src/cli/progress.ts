import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, tests). */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar(
    { stream, format: '{phase} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let phase: string | undefined;
  return {
    update(next, done, total) {
      if (next !== phase) {
        if (phase !== undefined) bar.stop();
        phase = next;
        bar.start(total, done, { phase: next });
      } else {
        bar.update(done, { phase: next });
      }
    },
    stop() {
      if (phase !== undefined) bar.stop();
    },
  };
}
