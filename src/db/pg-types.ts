import pg from 'pg';

// How PostgreSQL values arrive in JavaScript, for every pool of the process (the row types of schema.ts say the
// same: see codegen.ts). Imported by whatever opens or types a pool, so no caller depends on import order.
// bigint ids and counts come back as JS numbers: no count in this city exceeds 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// dates stay plain 'YYYY-MM-DD' strings: a birth date has no time zone.
pg.types.setTypeParser(1082, (v) => v);
