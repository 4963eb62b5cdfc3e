import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectDatabase, openDatabase } from '@kirinuki/db';
import { ALL_DATABASES } from './app-databases.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-app-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app’s databases', () => {
  it('open in WAL mode with every migration applied', async () => {
    for (const def of ALL_DATABASES) {
      const opened = await openDatabase<unknown>(def, dir);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const health = await inspectDatabase(opened);
      expect(health.migrationsApplied).toEqual(Object.keys(def.migrations).sort());
      expect(health.integrity).toBe('ok');
      await opened.close();
    }
  });
});
