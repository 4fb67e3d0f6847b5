-- A place or territory node is found by part of its name or address, its code (prefix) and the pinyin initials
-- of its name (光华便民超市 by ghbm), so same-named nodes can be told apart in every picker (issue 12).
-- The initials are computed by the application when a node is written (territory/rules.ts initialsOf) and by
-- ensureCity for rows written before this column existed.
ALTER TABLE territory_nodes ADD COLUMN initials text;

-- Only the named levels are searched: buildings, units and households are named by numbers and are millions at
-- city scale, so every search index is partial (the predicate is repeated in the store's queries).
DROP INDEX territory_nodes_name_trgm;
CREATE INDEX territory_nodes_search_trgm ON territory_nodes USING gin (name gin_trgm_ops, address gin_trgm_ops)
  WHERE type NOT IN ('building', 'unit', 'household');
CREATE INDEX territory_nodes_search_code ON territory_nodes (code text_pattern_ops)
  WHERE type NOT IN ('building', 'unit', 'household');
CREATE INDEX territory_nodes_search_initials ON territory_nodes (initials text_pattern_ops)
  WHERE type NOT IN ('building', 'unit', 'household');
