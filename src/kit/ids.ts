import { z } from 'zod';

/** A record id in a JSON body. */
export const bodyId = (label: string) => z.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ label });
/** A record id in a query string or path (text coerced to a number). */
export const queryId = (label: string) => z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).meta({ label });
