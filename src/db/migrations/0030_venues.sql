-- Venues (场所) as communities register them: one venue per node, park and name (一区一店一库一码: the zones,
-- shops and warehouses of a logistics park each have their own code). Writers find a venue by that key under
-- the venues' advisory lock (healthcode/venues/store.ts), so an import run twice, or two at once, adds it once;
-- the index is not unique because hand-made rows of benchmarks and tests reuse names. The console's search by
-- part of a name reads the trigram index.
CREATE INDEX venues_natural ON venues (node_id, name);
CREATE INDEX venues_name_trgm ON venues USING gin (name gin_trgm_ops);
