-- Full-text search: one weighted document per paper, kept by PostgreSQL itself (a generated column),
-- and a GIN index so that a search is an index lookup at any catalogue size.
-- array_to_string is only STABLE (it calls element output functions); for text[] it is in fact
-- immutable, which a generated column requires.
CREATE FUNCTION "immutable_array_to_string"(text[], text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT array_to_string($1, $2) $$;

ALTER TABLE "papers" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, "title"), 'A') ||
    setweight(to_tsvector('english'::regconfig, "immutable_array_to_string"("authors", ' ')), 'B') ||
    setweight(to_tsvector('english'::regconfig, "abstract"), 'C')
) STORED;

CREATE INDEX "papers_search_vector_idx" ON "papers" USING GIN ("search_vector");

-- Papers submitted by readers at /papers/submit.
ALTER TABLE "papers" ADD COLUMN "submitted_by_id" TEXT;
ALTER TABLE "papers" ADD CONSTRAINT "papers_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "papers_submitted_by_id_created_at_idx" ON "papers"("submitted_by_id", "created_at");
