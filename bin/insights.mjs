#!/usr/bin/env node
// The `insights` command: builds dist/ if src/ changed, then runs the CLI.
import { buildIfNeeded } from '../scripts/build.mjs';

buildIfNeeded();
await import('../dist/cli/insights.js');
