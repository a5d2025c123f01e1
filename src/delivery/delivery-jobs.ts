import { z } from 'zod';
import type { JobHandlers } from '../jobs/jobs.service.js';
import { TEST_SEND_JOB } from './delivery.js';
import { runDelivery, type SenderDeps } from './engine/sender.js';

// The delivery's own job: a desk test send is written with its ledger rows and this job in one
// transaction, and whichever process runs the job (the web process's loop, or a worker) sends
// it, so the desk never waits for SMTP.

export const testSendPayload = z.object({ deliveryId: z.number().int().positive() });

/** Runs test sends through the sender (its retries are the ledger's, so the job itself succeeds). */
export function deliveryJobHandlers(sender: SenderDeps): JobHandlers {
  return {
    [TEST_SEND_JOB]: async (payload) => {
      const { deliveryId } = testSendPayload.parse(payload);
      await runDelivery(sender, deliveryId, { waitForRetries: false });
    },
  };
}
