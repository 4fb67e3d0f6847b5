/**
 * How src/db/schema.ts is generated from a migrated database (kysely-codegen): int8 ids and counts as numbers
 * and dates as 'YYYY-MM-DD' strings, as the parsers in connect.ts return them. The database layer's own tables
 * (the migrations applied, the rebuilds a bulk load owes) are left out: no module or kit code reads them.
 */
export const CODEGEN_ARGS = [
  '--dialect',
  'postgres',
  '--date-parser',
  'string',
  '--type-mapping',
  '{"int8":"number"}',
  '--exclude-pattern',
  '{schema_migrations,bulk_rebuilds}',
  '--out-file',
  'src/db/schema.ts',
];
