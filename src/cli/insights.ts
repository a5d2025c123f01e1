import { runCli } from './main.js';

// Entry point of the `insights` command (bin/insights.mjs loads this from dist/).
process.exitCode = await runCli(process.argv);
