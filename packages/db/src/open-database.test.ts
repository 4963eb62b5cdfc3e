import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '@kirinuki/contracts';
import {
  cachingStatements,
  createSqliteKysely,
  inspectDatabase,
  openDatabase,
  type DatabaseDefinition,
} from './open-database.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-db-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const createTable = (name: string): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await db.schema
      .createTable(name)
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .execute();
  },
});
const failing: Migration = {
  up: async (db: Kysely<unknown>) => {
    await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
    throw new Error('boom');
  },
};
const tables = async (db: Kysely<unknown>) =>
  (
    await sql<{
      name: string;
    }>`select name from sqlite_master where type='table' and name not like 'kysely%' order by name`.execute(
      db,
    )
  ).rows.map((r) => r.name);

describe('openDatabase migrations', () => {
  const cases: Array<{
    name: string;
    first: Record<string, Migration>;
    second: Record<string, Migration>;
    appliedSecond: string[] | 'error';
    errorMentions?: string;
    tablesAfter: string[];
  }> = [
    {
      name: 'reopening applies nothing',
      first: { '2026-01-01-a': createTable('a') },
      second: { '2026-01-01-a': createTable('a') },
      appliedSecond: [],
      tablesAfter: ['a'],
    },
    {
      name: 'a new dated migration applies alone',
      first: { '2026-01-01-a': createTable('a') },
      second: { '2026-01-01-a': createTable('a'), '2026-02-01-b': createTable('b') },
      appliedSecond: ['2026-02-01-b'],
      tablesAfter: ['a', 'b'],
    },
    {
      name: 'pending migrations apply in name order whatever the object order',
      first: {},
      second: { '2026-03-01-c': createTable('c'), '2026-01-01-a': createTable('a') },
      appliedSecond: ['2026-01-01-a', '2026-03-01-c'],
      tablesAfter: ['a', 'c'],
    },
    {
      name: 'a failing migration rolls back every pending one',
      first: { '2026-01-01-a': createTable('a') },
      second: {
        '2026-01-01-a': createTable('a'),
        '2026-02-01-b': createTable('b'),
        '2026-03-01-bad': failing,
      },
      appliedSecond: 'error',
      errorMentions: 'migration 2026-03-01-bad failed: boom',
      tablesAfter: ['a'],
    },
    {
      name: 'a file from a newer app (unknown migration) is refused, untouched',
      first: { '2026-01-01-a': createTable('a'), '2026-05-01-z': createTable('z') },
      second: { '2026-01-01-a': createTable('a') },
      appliedSecond: 'error',
      errorMentions: 'newer Kirinuki (unknown migrations: 2026-05-01-z)',
      tablesAfter: ['a', 'z'],
    },
    {
      name: 'a migration dated before an applied one is refused',
      first: { '2026-01-01-a': createTable('a'), '2026-05-01-z': createTable('z') },
      second: {
        '2026-01-01-a': createTable('a'),
        '2026-02-01-b': createTable('b'),
        '2026-05-01-z': createTable('z'),
      },
      appliedSecond: 'error',
      errorMentions: 'dated before ones already applied: 2026-02-01-b',
      tablesAfter: ['a', 'z'],
    },
  ];

  it.each(cases)('$name', async (c) => {
    const dir = tempDir();
    const def = (migrations: Record<string, Migration>): DatabaseDefinition => ({
      name: 't',
      file: 't.db',
      migrations,
    });
    const first = await openDatabase<unknown>(def(c.first), dir);
    expect(first.appliedNow).toEqual(Object.keys(c.first).sort());
    await first.close();

    if (c.appliedSecond === 'error') {
      const error = await openDatabase(def(c.second), dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).code).toBe('DATABASE_MIGRATION_FAILED');
      expect((error as UserFacingError).message).toContain(c.errorMentions);
    } else {
      const second = await openDatabase<unknown>(def(c.second), dir);
      expect(second.appliedNow).toEqual(c.appliedSecond);
      await second.close();
    }
    const check = await openDatabase<unknown>(def(c.appliedSecond === 'error' ? c.first : c.second), dir);
    expect(await tables(check.db)).toEqual(c.tablesAfter);
    expect((await inspectDatabase(check)).integrity).toBe('ok');
    await check.close();
  });

  it('opens in WAL mode with every migration applied', async () => {
    const dir = tempDir();
    const opened = await openDatabase<unknown>(
      { name: 't', file: 't.db', migrations: { '2026-01-01T0000-a': createTable('a') } },
      dir,
    );
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const health = await inspectDatabase(opened);
    expect(health.migrationsApplied).toEqual(['2026-01-01T0000-a']);
    expect(health.integrity).toBe('ok');
    await opened.close();
  });
});

describe('createSqliteKysely statement cache', () => {
  it('prepares a query once however often it runs, and still answers right after schema changes', async () => {
    const { db, raw } = createSqliteKysely<{ items: { id: number; name: string } }>(
      path.join(tempDir(), 'cache.db'),
    );
    const prepares: string[] = [];
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((text: string) => {
      prepares.push(text);
      return prepare(text);
    }) as typeof raw.prepare;
    await db.schema
      .createTable('items')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .execute();
    for (let i = 1; i <= 50; i++)
      await db
        .insertInto('items')
        .values({ id: i, name: `n${i}` })
        .execute();
    const byId = (id: number) => db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    for (let i = 1; i <= 50; i++) expect(await byId(i)).toEqual({ id: i, name: `n${i}` });
    expect(prepares.filter((p) => p.startsWith('insert')).length).toBe(1);
    expect(prepares.filter((p) => p.startsWith('select')).length).toBe(1);
    // A column added after the statement was kept: the kept `select *` sees it.
    await sql`alter table items add column extra text`.execute(db);
    expect(await byId(3)).toEqual({ id: 3, name: 'n3', extra: null });
    // Transactions and close go to the real connection.
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('items').where('id', '>', 10).execute();
    });
    expect(
      (
        await db
          .selectFrom('items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(10);
    await db.destroy();
    expect(raw.open).toBe(false);
  });

  it('does not hand out a statement that is still being iterated', () => {
    const raw = new SQLite(path.join(tempDir(), 'busy.db'));
    raw.exec('create table items (id integer primary key)');
    raw.exec('insert into items values (1), (2), (3)');
    const cached = cachingStatements(raw);
    const text = 'select id from items order by id';
    const seen: number[] = [];
    for (const row of cached.prepare(text).iterate() as Iterable<{ id: number }>)
      seen.push(row.id, (cached.prepare(text).all() as unknown[]).length);
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(cached.prepare(text)).toBe(cached.prepare(text));
    cached.close();
    expect(raw.open).toBe(false);
  });
});
