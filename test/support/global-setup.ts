import type { TestProject } from 'vitest/node';
import { createDatabaseTemplates, removeDatabaseTemplates, type DatabaseTemplates } from './database-templates.js';

// vitest's globalSetup (vitest.config.ts): the migrated template databases, made once per run
// before any test file starts and removed after the last one ends.

let templates: DatabaseTemplates | undefined;

export async function setup(project: TestProject): Promise<void> {
  templates = await createDatabaseTemplates(process.env.TEST_DATABASE_URL);
  project.provide('databaseTemplates', templates);
}

export async function teardown(): Promise<void> {
  if (templates) await removeDatabaseTemplates(templates, process.env.TEST_DATABASE_URL);
}
