-- What the search needs to answer in milliseconds on a large record (bench/search: the
-- synthetic archive's p95 was 0.9 s here before this migration).
--
-- "Newest first": a search reads the first 1,001 matching rows by seq, newest first. The
-- GIN index yields its matches in no order, so a common word's 100,000 matches were all
-- fetched and sorted; with an index on seq the planner walks it backwards and stops at
-- the 1,001st match, and it still takes the GIN index for a rare word.
CREATE INDEX search_doc_seq ON search_doc (seq);

-- Matches in titles: the second pass of a search with more matches than the bound.
-- Marking the stems :A in a query on tsv left the planner to estimate it by the words'
-- frequency anywhere, so three common words that no title holds walked the whole table;
-- the titles' own vector and index give the planner their true frequency.
ALTER TABLE search_doc ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED;
CREATE INDEX search_doc_title_tsv ON search_doc USING gin (title_tsv);
