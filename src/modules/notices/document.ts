import { z } from 'zod';
import { isoDay, text } from '../../kit/text';
import { type AreaChange, areaChange } from '../risk/area-spec';
import { hasNoticeLayout, noticeLayoutNames } from './layout-files';
import { EDITION_CODES, EDITIONS, editionOf, hasMediumTier, LEVEL_STYLES } from './rules';

/**
 * The NoticeDocument: every fact of a risk-level notice (关于调整哈尔滨市南岗区风险等级的通告, seed 004) as plain
 * records. The changes are the risk module's (`riskService.changesForNotice`) or written by hand for
 * `notice render --input`; the wording is the layout's, chosen by `layout` or by the edition in force.
 */

/** One area named twice at one time would be printed twice, or with two levels. */
const areaKey = (c: AreaChange) => `${Date.parse(c.at)}\u0000${c.district}\u0000${JSON.stringify({ ...c.area, nodeId: 0 })}`;

export const noticeDocumentSchema = z
  .object({
    city: text({ max: 'name', label: '城市' }).default('哈尔滨市'),
    issuer: text({ max: 'label', label: '发布单位' }).default('哈尔滨市应对新冠肺炎疫情工作指挥部'),
    /** The day the notice is signed (its date line). */
    date: isoDay().meta({ label: '发布日期' }),
    /** The protocol edition the notice follows; by default the one in force at its first start time. */
    edition: z.enum(EDITION_CODES).optional().meta({ label: '防控方案版本' }),
    /** The level names, when they should not follow the edition (area 高风险地区, zone 高风险区). */
    levelNames: z.enum(LEVEL_STYLES).optional().meta({ label: '等级名称' }),
    /** The house style (a file of `layouts/`); by default the edition's (harbin-2021 for the 8th, harbin-2022 after). */
    layout: z
      .string()
      .refine(hasNoticeLayout, {
        error: () => `没有这个版式 (unknown layout; one of ${noticeLayoutNames().join(', ')})`,
      })
      .optional()
      .meta({ label: '版式' }),
    changes: z.array(areaChange).min(1).max(2000).meta({ label: '调整区域' }),
  })
  .superRefine((doc, ctx) => {
    if (!doc.changes.length) return; // refused by its minimum already
    const edition = editionOf(doc);
    if (!hasMediumTier(edition))
      doc.changes.forEach((c, i) => {
        if (c.level === 'medium')
          ctx.addIssue({
            code: 'custom',
            path: ['changes', i, 'level'],
            message: `${EDITIONS[edition].zh}不设中风险区 (the ${edition} edition has no medium-risk tier)`,
          });
      });
    const keys = doc.changes.map(areaKey);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['changes', i, 'area'],
          message: '同一起始时间重复列出该区域 (the area is listed twice at one start time)',
        });
    });
  });

/** The parsed document the renderer takes (defaults filled in). */
export type NoticeDocument = z.infer<typeof noticeDocumentSchema>;
/** The JSON an API, a fixture or the CLI supplies (defaults optional). */
export type NoticeDocumentInput = z.input<typeof noticeDocumentSchema>;
