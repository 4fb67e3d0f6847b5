import type { z } from 'zod';
import { labelPath } from '../../../../src/kit/labels';
import { type NoticeDocument, noticeDocumentSchema } from '../../../../src/modules/notices/document';
import { renderNotice } from '../../../../src/modules/notices/render';
import { zhForIssue } from '../../../../src/server/field-messages';
import { withoutBlanks } from '../../api';

/**
 * The editor's values as a NoticeDocument, and the live preview: the same schema and the same pure renderer as
 * the server, so what the console shows is what a draft will hold. The form keeps a building's units as a range
 * or a list (`unitsAs`), and an address or exception only when its text is filled in.
 */

type Values = Record<string, unknown>;
type PartValues = {
  kind?: string;
  unitsAs?: 'range' | 'list';
  from?: string;
  to?: string;
  list?: string[];
  unitFrom?: string;
  unitTo?: string;
} & Values;

function part(p: PartValues = {}): Values {
  if (p.kind !== 'units') return p;
  const { unitsAs, unitFrom, unitTo, list, ...rest } = p;
  return { ...rest, units: unitsAs === 'list' ? list : { from: unitFrom, to: unitTo } };
}

function area(a: Values = {}): Values {
  const address = a.address as { text?: string } | undefined;
  const except = a.except as { names?: string[] } | undefined;
  const within = a.within as { building?: string; floor?: string } | undefined;
  return {
    ...a,
    address: address?.text ? address : undefined,
    except: except?.names?.length ? except : undefined,
    within: within?.building || within?.floor ? within : undefined,
    part: part(a.part as PartValues),
  };
}

/** The document the form describes (blanks dropped), as the draft routes take it. */
export function documentOf(values: Values): Values {
  const changes = ((values.changes as Values[] | undefined) ?? []).map((c) => ({ ...c, area: area(c.area as Values) }));
  return withoutBlanks({ ...values, changes }) as Values;
}

/** The text of the form's document, or the first problem the server would name. */
export function preview(values: Values): { text: string; document: NoticeDocument } | { problem: string } {
  const parsed = noticeDocumentSchema.safeParse(documentOf(values));
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const label = labelPath(noticeDocumentSchema, issue.path) || '通告内容';
    return { problem: `${label}：${zhForIssue(issue.code, issue.message, issue as never)}` };
  }
  return { text: renderNotice(parsed.data).text, document: parsed.data };
}

/** The values a stored document fills the form with (the inverse of `documentOf` for units). */
export function valuesOf(document: Values): Values {
  const changes = ((document.changes as Values[] | undefined) ?? []).map((c) => {
    const a = (c.area ?? {}) as Values;
    const p = (a.part ?? {}) as Values;
    if (p.kind !== 'units') return c;
    const units = p.units as { from: string; to: string } | string[];
    const asList = Array.isArray(units);
    return {
      ...c,
      area: {
        ...a,
        part: {
          kind: 'units',
          building: p.building,
          unitsAs: asList ? 'list' : 'range',
          list: asList ? units : undefined,
          unitFrom: asList ? undefined : units.from,
          unitTo: asList ? undefined : units.to,
        },
      },
    };
  });
  return { ...document, changes };
}
