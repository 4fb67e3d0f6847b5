-- The index and key rebuilds a bulk load (the synthetic city's seed) still owes, committed with the rows it
-- loaded. The load commits its rows first so that several connections can build the indexes at once (a CREATE
-- INDEX cannot see another connection's uncommitted rows); each rebuild deletes its own row in the transaction that
-- builds it, so after a crash what is left here is exactly what was not built, and the next start builds it.
CREATE TABLE bulk_rebuilds (
  seq    integer PRIMARY KEY,
  -- 1: indexes, built by several connections at once; 2: primary and unique keys attached to their built indexes;
  -- 3: foreign keys, validated one after another.
  phase  smallint NOT NULL CHECK (phase IN (1, 2, 3)),
  stmt   text NOT NULL
);
