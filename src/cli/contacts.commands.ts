import type { Command } from 'commander';

/** `insights import contacts <csv>` and `insights export contacts <csv>`. */
export function addContactCommands(_importCommand: Command, _exportCommand: Command): void {}
