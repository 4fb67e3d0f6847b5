import { describe, expect, it } from 'vitest';
import { storeSql } from '../../test/sql-snapshot';
import { authStore } from './store';

const at = new Date('2021-11-04T00:00:00Z');

describe('auth store SQL', () => {
  it('is the committed queries.sql (regenerate: npx vitest run src/modules/auth/queries.test.ts -u)', async () => {
    const sql = await storeSql('authStore', authStore, {
      userByName: (s) => s.userByName('u'),
      insertUser: (s) =>
        s.insertUser({ username: 'u', displayName: 'd', passwordHash: 'h', role: 'admin', scope: { id: 5, path: '/1/5/' } }),
      failuresSince: (s) => s.failuresSince('hash', at),
      recordFailure: (s) => s.recordFailure('hash', at, at),
      clearFailures: (s) => s.clearFailures('hash'),
      setDisabled: (s) => s.setDisabled(1, true),
      listUsers: (s) => s.listUsers(1, 50),
      createSession: (s) => s.createSession('sid', 1, at, '127.0.0.1'),
      sessionWithUser: (s) => s.sessionWithUser('sid'),
      touchSession: (s) => s.touchSession('sid', at),
      endSession: (s) => s.endSession('sid', at),
      endSessionsOf: (s) => s.endSessionsOf(1, at),
      tokenUser: (s) => s.tokenUser('hash'),
      touchToken: (s) => s.touchToken(1, at),
      tokensOf: (s) => s.tokensOf(1),
      revokeToken: (s) => s.revokeToken(1, at, 2),
      createToken: (s) => s.createToken(1, 'n', 'hash'),
    });
    await expect(sql).toMatchFileSnapshot('./queries.sql');
  });
});
