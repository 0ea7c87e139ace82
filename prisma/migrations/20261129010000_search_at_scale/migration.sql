-- Search and feeds at a million papers (lib/search/data.ts, lib/papers/data.ts).

-- The title alone as a search document. "Title matches first" is decided on it, and it is small
-- (never TOASTed), so it can ride along in an index.
ALTER TABLE "papers" ADD COLUMN "title_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "title")) STORED;
CREATE INDEX "papers_title_vector_idx" ON "papers" USING GIN ("title_vector");

-- The catalogue most upvoted first, with each title document at hand: a search for a frequent word
-- walks this index and stops after one page of matches (an index-only scan), instead of ranking the
-- hundreds of thousands of papers that contain it. Rare words use the GIN indexes instead; the
-- planner chooses by how many papers it expects to match.
CREATE INDEX "papers_upvotes_idx" ON "papers" ("upvotes" DESC, "id" DESC) INCLUDE ("title_vector");

-- The feed index gains the id, so that a page of a week or month is an index-only scan (the ids of
-- one page, in order) and ties are broken the same way every time.
DROP INDEX "papers_feed_day_upvotes_idx";
CREATE INDEX "papers_feed_day_upvotes_idx" ON "papers" ("feed_day" DESC, "upvotes" DESC, "title", "id");
