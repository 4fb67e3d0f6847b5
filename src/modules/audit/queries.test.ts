import { describe, expect, it } from 'vitest';
import { storeSql } from '../../test/sql-snapshot';
import { auditLogStore } from './store';

const all = { action: 'user.create', username: 'u', personId: 1, from: new Date(0), to: new Date(1) };

describe('audit store SQL', () => {
  it('is the committed queries.sql (regenerate: npx vitest run src/modules/audit/queries.test.ts -u)', async () => {
    const sql = await storeSql(
      'auditLogStore',
      auditLogStore,
      {
        matching: (s) => s.matching({}).execute(),
        matchingFiltered: (s) => s.matching(all).execute(),
        page: (s) => s.page({}, 51),
        pageFiltered: (s) => s.page(all, 51),
        pageAfterCursor: (s) => s.page({ before: ['1970-01-01T00:00:00.000Z', 9] }, 51),
      },
      '/1/',
    );
    await expect(sql).toMatchFileSnapshot('./queries.sql');
  });
});
