/**
 * The surveillance module's contracts (zod), one file per capability; this one holds the pieces its routes
 * share and lists them all, so the console imports `surveillance/contract` and infers its types.
 */
import { z } from 'zod';

export const idParam = z.object({ id: z.coerce.number().int().positive().meta({ label: '编号' }) });
export const ok = z.object({ ok: z.boolean() });

export * from './bulletin/contract';
export * from './cases/contract';
export * from './channels/contract';
export * from './clusters/contract';
export * from './contacts/contract';
export * from './places/contract';
