import type { Command } from 'commander';

/** `insights send`, `insights worker` and `insights bounces ingest` (issue 4). */
export function addDeliveryCommands(_program: Command): void {
  // Filled in by issue 4.
}
