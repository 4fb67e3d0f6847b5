import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../kit/context';
import { storeSql } from '../../test/sql-snapshot';
import { SHIPPED_EDITIONS } from './shipped';
import { policyStore } from './store';

const edition = SHIPPED_EDITIONS[1] as (typeof SHIPPED_EDITIONS)[number];
const at = new Date('2022-11-20T04:00:00Z');

describe('policy store SQL', () => {
  it('is the committed queries.sql (regenerate: npx vitest run src/modules/policy/queries.test.ts -u)', async () => {
    const sql = await storeSql(
      'policyStore',
      (c) => policyStore(c as Ctx),
      {
        list: (s) => s.list(),
        lock: (s) => s.lock(7),
        taken: (s) => s.taken(edition, 7),
        insert: (s) => s.insert(edition, 3),
        update: (s) => s.update(7, edition, at),
      },
      '/1/',
    );
    await expect(sql).toMatchFileSnapshot('./queries.sql');
  });
});
