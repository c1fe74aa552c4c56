#!/usr/bin/env node
// The `sputnik` command's entry point (bundled to dist/cli.js).
import { main } from './run.js';

process.exitCode = await main(process.argv.slice(2));
