-- Residents are found by part of a name, part of their address and their compound (issues 12 and 13), each by an
-- index, at ten million residents.
--
-- Part of a name: a Chinese name has two or three characters and is searched by one or two of them, where pg_trgm
-- extracts no trigram from a LIKE pattern (it needs three characters), so its index would be read whole. The
-- name's characters as an array (string_to_array with a NULL separator, in C: 3.5 s a million rows, C collation
-- so the GIN compares bytes) find the rows holding every character of the search; LIKE then checks their order.
CREATE INDEX people_name_chars ON people USING gin (string_to_array(name COLLATE "C", NULL));

-- Part of the address (楼栋、单元、室: "3栋2单元501"), long enough for trigrams.
CREATE INDEX people_address_trgm ON people USING gin (actual_address gin_trgm_ops);

-- Compounds (小区) by part of their name: the few thousand compound nodes among millions of households, read whole
-- from this small index rather than the table.
CREATE INDEX territory_nodes_compound_name ON territory_nodes (name, path) WHERE type = 'compound';
