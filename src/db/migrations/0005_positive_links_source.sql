-- The chain graph follows links both ways: from a case to those it led to (by source) as well as back.
CREATE INDEX positive_links_source ON positive_links (source_id);
