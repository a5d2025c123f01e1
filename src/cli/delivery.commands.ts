import type { Command } from 'commander';
import { Option } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Actor } from '../activity/activity.js';
import { EDITIONS, remainingOf, type DeliveryCounts, type Edition } from '../delivery/delivery.js';
import { recordInbound } from '../delivery/bounces/bounces.service.js';
import { startIntakeServer } from '../delivery/bounces/intake-server.js';
import { beginDelivery, countSendAudience, createSend, findSend, getDelivery, getDeliveryCounts } from '../delivery/engine/deliveries.service.js';
import { getSegmentBySlug } from '../audiences/segments.service.js';
import type { Segment } from '../audiences/segments.js';
import { newWorkerId, runDelivery, type SenderDeps } from '../delivery/engine/sender.js';
import { createHeartbeat } from '../jobs/heartbeats.service.js';
import { Conflict } from '../lib/errors.js';
import { runWorker } from '../worker.js';
import { withServices } from './database.js';

// `insights send`, `insights worker` and `insights bounces ingest` (docs/delivery.md).

const CLI_ACTOR: Actor = { type: 'system', id: null, label: 'cli' };

/** Shows sent, failed, remaining, rate and ETA while a delivery runs. */
function startProgress(label: string, read: () => Promise<DeliveryCounts>): { stop(): Promise<void> } {
  const tty = process.stderr.isTTY === true;
  const bar = tty
    ? new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {sent} sent | {failed} failed | {remaining} left | {rate}/s | ETA {eta_formatted}`, hideCursor: true, etaBuffer: 50 })
    : undefined;
  const started = Date.now();
  let first: number | undefined;
  let lastLine = 0;
  let stopped = false;
  const tick = async () => {
    const counts = await read();
    first ??= counts.sent + counts.failed;
    const done = counts.sent + counts.failed + counts.bounced + counts.skipped;
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = Math.round((done - first) / seconds);
    const values = { sent: counts.sent, failed: counts.failed, remaining: remainingOf(counts), rate };
    if (bar) {
      if (!bar.isActive) bar.start(counts.total, done, values);
      bar.setTotal(counts.total);
      bar.update(done, values);
    } else if (Date.now() - lastLine >= 5000) {
      lastLine = Date.now();
      const eta = rate > 0 ? `${Math.ceil(remainingOf(counts) / rate)}s` : '?';
      process.stderr.write(`${label}: ${counts.sent} sent, ${counts.failed} failed, ${remainingOf(counts)} left, ${rate}/s, ETA ${eta}\n`);
    }
  };
  let chain = tick();
  const timer = setInterval(() => {
    chain = chain.then(tick).catch(() => undefined);
  }, 500);
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await chain.catch(() => undefined);
      await tick().catch(() => undefined);
      bar?.stop();
    },
  };
}

function summary(label: string, counts: DeliveryCounts): string {
  const parts = [`${counts.sent} sent`, `${counts.failed} failed`, `${counts.bounced} bounced`, ...(counts.skipped > 0 ? [`${counts.skipped} skipped (unsubscribed or suppressed during the send)`] : []), `${remainingOf(counts)} left`];
  const repeated = counts.mayHaveRepeated > 0 ? `; ${counts.mayHaveRepeated} may have been sent twice (in flight when an earlier run stopped)` : '';
  return `${label}: ${counts.total} recipients, ${parts.join(', ')}${repeated}\n`;
}

/** Sends (or resumes) one edition (to a segment, or everyone of it) to completion. */
async function sendEdition(sender: SenderDeps, slug: string, edition: Edition, segment: Segment | null, signal: AbortSignal): Promise<void> {
  const label = `${slug} ${edition}${segment ? ` (segment ${segment.slug})` : ''}`;
  let delivery = await findSend(sender.db, slug, edition, segment?.id ?? null);
  if (!delivery) delivery = await createSend(sender, { slug, edition, scheduledAt: null, actor: CLI_ACTOR, segmentId: segment?.id ?? null });
  else if (delivery.status === 'scheduled') {
    process.stderr.write(`${label}: delivery #${delivery.id} was scheduled for ${delivery.scheduledAt}; starting it now\n`);
    await beginDelivery(sender, delivery.id);
  } else if (delivery.status === 'paused') {
    const how = delivery.pauseReason === 'transport' ? '; `insights worker` resumes it by itself once the mail server answers, or resume it on the desk (Deliveries)' : '; resume it on the desk (Deliveries) first';
    throw new Conflict(`${label}: delivery #${delivery.id} is paused${delivery.problem ? ` (${delivery.problem})` : ''}${how}`);
  } else if (delivery.status === 'sending') {
    process.stderr.write(`${label}: resuming delivery #${delivery.id}\n`);
  }
  const id = delivery.id;
  if (delivery.status !== 'done') {
    process.stderr.write(`${label}: sending delivery #${id} through ${sender.transport.describe}\n`);
    const progress = startProgress(label, () => getDeliveryCounts(sender.db, id));
    let pausedItself: string | null = null;
    try {
      const result = await runDelivery(sender, id, { signal });
      if (result === 'paused' || result === 'cancelled') {
        const problem = result === 'paused' ? (await getDelivery(sender.db, id)).problem : null;
        pausedItself = problem;
        process.stderr.write(`${label}: delivery #${id} was ${result} while sending${problem ? `: ${problem}` : ''}\n`);
      }
    } finally {
      await progress.stop();
    }
    if (pausedItself) {
      // The delivery paused itself (the circuit breaker, a refusal of our sender): exit 1 with the reason.
      process.stdout.write(summary(`${label} (delivery #${id})`, await getDeliveryCounts(sender.db, id)));
      throw new Conflict(`${label}: delivery #${id} paused itself: ${pausedItself}`);
    }
  }
  process.stdout.write(summary(`${label} (delivery #${id})`, await getDeliveryCounts(sender.db, id)));
  if (signal.aborted) throw new Conflict(`${label}: stopped; run the same command again to resume`);
}

/** Aborts on SIGINT/SIGTERM so senders finish the messages in flight and stop claiming. */
function stopSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { signal: controller.signal, dispose: () => (process.off('SIGINT', stop), process.off('SIGTERM', stop)) };
}

export function addDeliveryCommands(program: Command): void {
  program
    .command('send')
    .description('send an issue by email (without --edition: the full edition to members and the teaser to everyone else); re-run to resume')
    .argument('<slug>', 'the issue, e.g. 2024-spring')
    .addOption(new Option('--edition <edition>', 'only this edition').choices([...EDITIONS]))
    .option('--segment <slug>', 'only the contacts of this segment (desk: Audiences); nobody gets an edition twice across segments')
    .action(async (slug: string, options: { edition?: Edition; segment?: string }) => {
      const stop = stopSignal();
      try {
        await withServices(async ({ sender }) => {
          const segment = options.segment ? await getSegmentBySlug(sender.db, options.segment) : null;
          const editions = options.edition ? [options.edition] : [...EDITIONS];
          // Never asks: the counts per edition and segment are printed before anything is sent.
          const counts = await countSendAudience(sender.db, { slug, editions, segmentId: segment?.id ?? null });
          const target = segment ? `segment ${segment.slug}` : 'everyone of the edition';
          for (const count of counts) {
            const open = count.open ? ` (delivery #${count.open.id} is ${count.open.status}: it is resumed, not started again)` : '';
            process.stdout.write(`${slug} ${count.edition}, ${target}: ${count.recipients} new recipient(s)${open}\n`);
          }
          const toSend = counts.filter((count) => count.open !== null || !segment || count.recipients > 0);
          if (toSend.length === 0) throw new Conflict(`segment "${segment!.slug}" reaches nobody in ${editions.join(' or ')} of "${slug}" (no subscribed contact matches it, or everyone it matches has the edition already): nothing was sent`);
          for (const count of counts) if (!toSend.includes(count)) process.stdout.write(`${slug} ${count.edition}, ${target}: nobody to send to; skipped\n`);
          for (const count of toSend) await sendEdition(sender, slug, count.edition, segment, stop.signal);
        });
      } finally {
        stop.dispose();
      }
    });

  program
    .command('worker')
    .description('run scheduled sends, resume interrupted ones, run jobs, and take bounces on BOUNCE_HOST:BOUNCE_PORT')
    .option('--no-bounces', 'do not listen for bounces')
    .action(async (options: { bounces: boolean }) => {
      const stop = stopSignal();
      const log = (message: string) => process.stderr.write(`${new Date().toISOString()} ${message}\n`);
      try {
        await withServices(async ({ config, db, clock, sender, transport, jobHandlers, periodicTasks }) => {
          const intake = options.bounces
            ? await startIntakeServer({ db, clock, secretKey: config.secretKey, host: config.bounceHost, port: config.bouncePort, onResult: (r) => log(`inbound ${r.kind}: ${r.detail}`), onError: (e) => log(`inbound failed: ${String(e)}`) })
            : undefined;
          log(`worker started; sending through ${transport.describe}${intake ? `; bounce intake on ${config.bounceHost}:${intake.port}` : ''}`);
          try {
            const heartbeat = createHeartbeat(db, clock, `worker:${newWorkerId()}`, ['jobs', 'sending']);
            await runWorker({ sender, jobs: jobHandlers, periodic: periodicTasks, heartbeat, signal: stop.signal, log });
          } finally {
            await intake?.close();
          }
          log('worker stopped');
        });
      } finally {
        stop.dispose();
      }
    });

  const bounces = program.command('bounces').description('bounce handling');
  bounces
    .command('ingest')
    .description('read one bounce, complaint report or unsubscribe mail on stdin and record it (pipe from your MTA)')
    .action(async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      const result = await withServices(({ db, clock, config }) => recordInbound(db, clock, config.secretKey, Buffer.concat(chunks)));
      process.stdout.write(`${result.kind}${result.address ? ` ${result.address}` : ''}${result.deliveryId ? ` (delivery #${result.deliveryId})` : ''}: ${result.detail}\n`);
    });
}
