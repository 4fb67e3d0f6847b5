import { describe, expect, it } from 'vitest';
import { storeSql } from '../../test/sql-snapshot';
import { auditLogStore } from './store';

const all = { action: 'user.create', username: 'u', personId: 1, from: new Date(0), to: new Date(1), page: 2, pageSize: 50 };

describe('audit store SQL', () => {
  it('is the committed queries.sql (regenerate: npx vitest run src/modules/audit/queries.test.ts -u)', async () => {
    const sql = await storeSql(
      'auditLogStore',
      auditLogStore,
      {
        count: (s) => s.count({ page: 1, pageSize: 50 }),
        countFiltered: (s) => s.count(all),
        page: (s) => s.page({ page: 2, pageSize: 50 }),
        pageFiltered: (s) => s.page(all),
        pageAfterCursor: (s) => s.page({ page: 1, pageSize: 50, before: { at: new Date(0), id: 9 } }),
      },
      '/1/',
    );
    await expect(sql).toMatchFileSnapshot('./queries.sql');
  });
});
