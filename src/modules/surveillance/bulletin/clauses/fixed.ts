import { z } from 'zod';
import { defineClause } from './clause';

/** Paragraphs fixed per issue and carried by the document: the preamble before the figures, the notices after. */
export const preamble = defineClause({ options: z.strictObject({}), render: (doc) => doc.fixedText.preamble });

export const notices = defineClause({ options: z.strictObject({}), render: (doc) => doc.fixedText.notices });
