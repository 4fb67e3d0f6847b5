import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../kit/context';
import { storeSql } from '../../test/sql-snapshot';
import { elsewhereStore, type NewSpan } from './store';

const at = new Date('2021-11-04T00:00:00Z');

/** The store reads the clock and the actor: a snapshot's context is the system's, city-wide, at a fixed instant. */
const on = (c: Pick<Ctx, 'db' | 'scopePath'>) => elsewhereStore({ ...c, actor: null, now: () => at } as unknown as Ctx);

const span: NewSpan = {
  key: 'feed:河北省/石家庄市/a-1',
  province: '河北省',
  city: '石家庄市',
  district: '深泽县',
  name: '河庄村',
  level: 'high',
  since: at,
  source: 'feed',
  feedId: 1,
  feedAreaId: 'a-1',
};

describe('elsewhere store SQL', () => {
  it('is the committed queries.sql (regenerate: npx vitest run src/modules/elsewhere/queries.test.ts -u)', async () => {
    const sql = await storeSql(
      'elsewhereStore',
      on,
      {
        lockCity: (s) => s.lockCity('河北省', '石家庄市'),
        feed: (s) => s.feed('河北省', '石家庄市', at),
        latestFeedAt: (s) => s.latestFeedAt('河北省', '石家庄市'),
        insertFeed: (s) =>
          s.insertFeed({ province: '河北省', city: '石家庄市', generatedAt: at, sha256: 'x', counts: { added: 1 } }),
        openFeedSpans: (s) => s.openFeedSpans('河北省', '石家庄市'),
        insertSpans: (s) => s.insertSpans([span]),
        endSpans: (s) => s.endSpans([{ id: 1, at }]),
        openKeyExists: (s) => s.openKeyExists(span.key),
        openForUpdate: (s) => s.openForUpdate(1),
        get: (s) => s.get(1),
        history: (s) => s.history(1),
        current: (s) => s.current({ limit: 51 }, at),
        currentFiltered: (s) =>
          s.current({ province: '河北省', city: '石家庄市', level: 'high', after: ['河北省', '石家庄市', 9], limit: 51 }, at),
        cities: (s) => s.cities(at),
        meeting: (s) => s.meeting('河北省', '石家庄市', at, at),
        forReminder: (s) => s.forReminder(at, at, at),
      },
      '/1/',
    );
    await expect(sql).toMatchFileSnapshot('./queries.sql');
  });
});
