import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Ctx } from '../../kit/context';
import { AppError, badRequest, conflict, type FieldIssue, invalidFields } from '../../server/errors';
import { bilingual, zhForIssue } from '../../server/field-messages';
import { type RiskFeed, riskFeed } from '../risk/area-spec';
import type { FeedOutcome } from './contract';
import { diffFeed, feedKey, type ListedArea } from './rules';
import { elsewhereStore, type NewSpan } from './store';

/**
 * The import of another city's risk-area feed (`riskFeed`, what GET /api/public/risk-areas of a Fangyi city
 * answers) into 外地中高风险地区: validated whole, written all or nothing, once per city and generation time.
 */

/** A feed file's size at most: 20,000 areas (the format's own limit) with their specs fit well inside it. */
export const FEED_MAX_BYTES = 20 * 1024 * 1024;

/** zod's issues as the fields of a 400 (the route's body schema labels them: 区域第3行 · 风险等级). */
const asFields = (issues: readonly z.core.$ZodIssue[]): FieldIssue[] =>
  issues.map((i) => ({
    field: i.path.join('.'),
    in: 'body',
    zh: zhForIssue(i.code, i.message, i as object),
    en: bilingual(i.message)?.en ?? i.message,
  }));

/** An uploaded .json file, read as a feed: a file that is not JSON, or too large, is refused before any check. */
export function feedOfFile(file: Buffer): unknown {
  if (file.length > FEED_MAX_BYTES)
    throw new AppError(
      413,
      'elsewhere.feed_too_large',
      `文件超过${FEED_MAX_BYTES / 1024 / 1024} MB的上限`,
      `The file is larger than ${FEED_MAX_BYTES / 1024 / 1024} MB (the limit)`,
    );
  try {
    return JSON.parse(file.toString('utf8'));
  } catch {
    throw badRequest('elsewhere.not_json', '文件不是有效的 JSON 风险地区数据', 'The file is not a JSON risk-area feed');
  }
}

/** Parses a feed, refusing it whole with every bad field named, and an area id listed twice. */
export function parseFeed(raw: unknown): RiskFeed {
  const parsed = riskFeed.safeParse(raw);
  if (!parsed.success) throw invalidFields(asFields(parsed.error.issues));
  const seen = new Set<string>();
  const twice = parsed.data.areas.flatMap((a, i) => {
    if (!seen.has(a.id)) {
      seen.add(a.id);
      return [];
    }
    return [{ field: `areas.${i}.id`, in: 'body' as const, zh: `重复列出：${a.id}`, en: `listed twice: ${a.id}` }];
  });
  if (twice.length) throw invalidFields(twice);
  return parsed.data;
}

const sha256 = (feed: RiskFeed) => createHash('sha256').update(JSON.stringify(feed)).digest('hex');

/**
 * Imports a parsed feed. The same city's feed of the same generation time again is a replay: answered with the
 * earlier import's counts and `replayOf`, nothing written (the same time with other content is a 409, and so is
 * a feed older than the newest one imported). Otherwise the diff against the open spans of that city is
 * written (`diffFeed`), audited and emitted as `elsewhere.areas_changed`.
 */
export async function importFeed(ctx: Ctx, feed: RiskFeed): Promise<FeedOutcome> {
  const generatedAt = new Date(feed.generatedAt);
  const where = { province: feed.province, city: feed.city, generatedAt };
  const hash = sha256(feed);
  return ctx.transaction(async (tx) => {
    const store = elsewhereStore(tx);
    await store.lockCity(feed.province, feed.city);
    const earlier = await store.feed(feed.province, feed.city, generatedAt);
    if (earlier) {
      if (earlier.sha256 !== hash)
        throw conflict(
          'elsewhere.feed_differs',
          `${feed.province}${feed.city}同一生成时间的数据已导入，且内容不同`,
          'A feed of this city with this generation time was imported with other content',
        );
      return { ...where, ...(earlier.counts as Counts), replayOf: { at: earlier.importedAt } };
    }
    const latest = await store.latestFeedAt(feed.province, feed.city);
    if (latest && latest > generatedAt)
      throw conflict(
        'elsewhere.feed_stale',
        `已导入${feed.province}${feed.city}更新的数据（${latest.toISOString()}生成）`,
        `A newer feed of this city (generated ${latest.toISOString()}) was imported already`,
      );

    const listed: (ListedArea & { feedAreaId: string })[] = feed.areas.map((a) => ({
      key: feedKey(feed.province, feed.city, a.id),
      feedAreaId: a.id,
      district: a.district,
      name: a.name,
      level: a.level,
      since: new Date(a.since),
    }));
    const diff = diffFeed(await store.openFeedSpans(feed.province, feed.city), listed, generatedAt);
    const counts = { added: diff.add.length, changed: diff.change.length, ended: diff.end.length, unchanged: diff.unchanged };
    const feedId = await store.insertFeed({ ...where, sha256: hash, counts });
    const ends = [
      ...diff.change.map((c) => ({ id: c.span.id, at: c.endAt })),
      ...diff.end.map((e) => ({ id: e.span.id, at: e.endAt })),
    ];
    await store.endSpans(ends);
    const starts = [...diff.add, ...diff.change.map((c) => c.area)] as typeof listed;
    const started = await store.insertSpans(
      starts.map(
        (a): NewSpan => ({ ...a, province: feed.province, city: feed.city, source: 'feed', feedId, feedAreaId: a.feedAreaId }),
      ),
    );
    await tx.audit({
      action: 'elsewhere.feed_import',
      target: `${feed.province}${feed.city}`,
      detail: { generatedAt: feed.generatedAt, areas: feed.areas.length, feedId, ...counts },
    });
    if (started.length || ends.length)
      await tx.emit('elsewhere.areas_changed', {
        source: 'feed',
        province: feed.province,
        city: feed.city,
        feedId,
        started,
        ended: ends.map((e) => e.id),
      });
    return { ...where, ...counts };
  });
}

type Counts = Pick<FeedOutcome, 'added' | 'changed' | 'ended' | 'unchanged'>;
