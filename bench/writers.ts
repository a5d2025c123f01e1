// Writers bench: public page latency of the web app while a real `insights import contacts` of
// 20,000 rows writes the same SQLite file from another process (and the app saves an account
// every 100 ms and stories), next to the same page's latency with no import, measured in the
// same run. Goal: p99 under 100 ms during the import. Run with `npm run bench:writers`; it
// prints figures to stderr and exactly one JSON line on stdout. It reports, it never asserts.
import { loadavg } from 'node:os';
import { importWhileWriting, quantile, readPublicPages, startWritersSite } from '../test/support/concurrent-writers.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const say = (message: string) => process.stderr.write(`[bench:writers] ${message}\n`);

async function main(): Promise<void> {
  const site = await startWritersSite(ROWS);
  try {
    const quietUntil = performance.now() + 3000;
    const quiet = await readPublicPages(site.app, () => performance.now() < quietUntil, []);
    say(`no import: ${quiet.length} reads, p50 ${quantile(quiet, 0.5).toFixed(1)} ms, p99 ${quantile(quiet, 0.99).toFixed(1)} ms (load average ${loadavg()[0]?.toFixed(2)})`);
    const outcome = await importWhileWriting(site);
    const during = outcome.publicLatencies;
    say(`import of ${ROWS} rows: exit ${outcome.exitCode}; ${during.length} reads, p50 ${quantile(during, 0.5).toFixed(1)} ms, p99 ${quantile(during, 0.99).toFixed(1)} ms; ${outcome.statuses.filter((status) => status >= 500).length} answers 5xx (load average ${loadavg()[0]?.toFixed(2)})`);
    process.stdout.write(`${JSON.stringify({
      bench: 'writers', rows: ROWS, import_exit: outcome.exitCode, answers_5xx: outcome.statuses.filter((status) => status >= 500).length,
      p50_ms: Number(quantile(during, 0.5).toFixed(2)), p99_ms: Number(quantile(during, 0.99).toFixed(2)), max_ms: Number(Math.max(...during).toFixed(2)),
      baseline_p50_ms: Number(quantile(quiet, 0.5).toFixed(2)), baseline_p99_ms: Number(quantile(quiet, 0.99).toFixed(2)),
      load_average: Number(loadavg()[0]?.toFixed(2)), goals: { p99_ms_max: 100 },
    })}\n`);
  } finally {
    await site.close();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
