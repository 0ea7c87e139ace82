-- Issue 17, search at a million papers: each title word's ts_rank in its paper's whole search
-- document, kept for every paper, so that a web process can hold them beside the titles' words
-- (lib/search/held-ranks.ts) and score a candidate whose title holds the query's words without
-- reading its search document out of TOAST (~120 µs each when it is not in shared buffers). They were
-- computed when the titles were read, for the 50,000 most upvoted papers only (the titles holding two
-- words, "graph neural", are spread over the whole catalogue: 19 of the first 200 among them).
--
-- The ranks are those the scoring statement computes (lib/search/data.ts scoreCandidates): the
-- weights are lib/search/held-ranks.ts FIELD_WEIGHTS, and a title lexeme is quoted as
-- lib/search/query.ts quoteLexeme quotes it. One rank a title lexeme, in the order tsvector_to_array
-- gives the title's lexemes (the tsvector's own), each a float4 as float4send writes it (4 bytes,
-- big-endian): a million papers' ranks are read in ~3 s this way, against ~6 s as real[] sent as text.
-- The document is copied once (`|| ''`): each ts_rank on the stored value would fetch it out of TOAST again.
CREATE FUNCTION "title_word_ranks"("doc" tsvector, "title" tsvector) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(float4send(ts_rank('{0, 0.5, 0.6, 1.0}'::real[], d."doc",
                                                ('''' || replace(replace(u."lexeme", '\', '\\'), '''', '''''') || '''')::tsquery)),
                             ''::bytea ORDER BY u."at"), ''::bytea)
  FROM (SELECT "doc" || ''::tsvector AS "doc" OFFSET 0) AS d,
       unnest(tsvector_to_array("title")) WITH ORDINALITY AS u("lexeme", "at")
$$;

CREATE TABLE "paper_title_ranks" (
    "paper_id" INTEGER PRIMARY KEY REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "ranks" BYTEA NOT NULL CHECK (octet_length("ranks") % 4 = 0)
);
INSERT INTO "paper_title_ranks" ("paper_id", "ranks")
SELECT "id", "title_word_ranks"("search_vector", "title_vector") FROM "papers";

-- Kept by the database whoever writes papers: new papers once per statement, a paper whose words
-- change (title, authors or abstract: the search document) on its own.
CREATE FUNCTION "papers_rank_title_words"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "paper_title_ranks" ("paper_id", "ranks")
  SELECT "id", "title_word_ranks"("search_vector", "title_vector") FROM new_rows
  ON CONFLICT ("paper_id") DO UPDATE SET "ranks" = EXCLUDED."ranks";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "papers_rank_title_words" AFTER INSERT ON "papers"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "papers_rank_title_words"();

CREATE FUNCTION "papers_rank_title_words_again"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "paper_title_ranks" ("paper_id", "ranks")
  VALUES (NEW."id", "title_word_ranks"(NEW."search_vector", NEW."title_vector"))
  ON CONFLICT ("paper_id") DO UPDATE SET "ranks" = EXCLUDED."ranks";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "papers_rank_title_words_again" AFTER UPDATE OF "title", "authors", "abstract" ON "papers"
FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."authors" IS DISTINCT FROM NEW."authors"
                   OR OLD."abstract" IS DISTINCT FROM NEW."abstract")
EXECUTE FUNCTION "papers_rank_title_words_again"();
