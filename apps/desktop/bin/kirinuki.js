#!/usr/bin/env node
// Runs the CLI from source through tsx, so `pnpm install` alone leaves it runnable.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
