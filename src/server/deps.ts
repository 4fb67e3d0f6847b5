import type pg from 'pg';
import type { Clock } from './clock';
import type { Config } from './config';

/** What modules receive: the database pool, the clock and the configuration; nothing global. */
export interface Deps {
  pool: pg.Pool;
  clock: Clock;
  config: Config;
}
