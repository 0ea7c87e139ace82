-- For you (issue 12): arXiv categories on papers, author and category lookups by index, a reading
-- list, follows (authors, categories, keywords), and the digest's "for you" mode.

-- arXiv categories, the primary one first ("cs.CL", "cs.LG"); empty where the source has none (Hugging
-- Face lists; `npm run import -- --arxiv` fills them in from arXiv).
ALTER TABLE "papers" ADD COLUMN "categories" TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE "papers" ADD CONSTRAINT "papers_categories_check" CHECK (cardinality("categories") <= 20);
-- `categories @> ARRAY['cs.CL']` (the category filter) and `authors @> ARRAY['Ada Lovelace']` (author
-- pages) find their papers through these, never by reading every paper's arrays.
CREATE INDEX "papers_categories_idx" ON "papers" USING GIN ("categories");
CREATE INDEX "papers_authors_idx" ON "papers" USING GIN ("authors");

-- The reading list: one row per reader and paper, with the reader's note.
CREATE TABLE "saved_papers" (
    "user_id" TEXT NOT NULL,
    "paper_id" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_papers_pkey" PRIMARY KEY ("user_id", "paper_id"),
    CONSTRAINT "saved_papers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "saved_papers_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "saved_papers_note_check" CHECK (char_length("note") <= 2000)
);
CREATE INDEX "saved_papers_user_id_created_at_idx" ON "saved_papers"("user_id", "created_at");

CREATE TYPE "follow_kind" AS ENUM ('author', 'category', 'keyword');

-- What a reader follows: an author's name as papers list it, an arXiv category, or a keyword (matched
-- as the digest matches its keywords).
CREATE TABLE "follows" (
    "user_id" TEXT NOT NULL,
    "kind" "follow_kind" NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follows_pkey" PRIMARY KEY ("user_id", "kind", "value"),
    CONSTRAINT "follows_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "follows_value_check" CHECK (char_length("value") BETWEEN 1 AND 300)
);

-- At most this many follows a reader (each one is a boost computed for every paper of their feed).
CREATE FUNCTION "follows_limit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM "follows" WHERE "user_id" = NEW."user_id") > 200 THEN
    RAISE EXCEPTION 'at most 200 follows a reader' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "follows_limit" AFTER INSERT ON "follows" FOR EACH ROW EXECUTE FUNCTION "follows_limit"();

-- The digest: the community's ranking (everyone), or the reader's own (subscribers with an account).
CREATE TYPE "digest_mode" AS ENUM ('community', 'for_you');
ALTER TABLE "subscribers" ADD COLUMN "mode" "digest_mode" NOT NULL DEFAULT 'community';
ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_mode_check" CHECK ("mode" = 'community' OR "user_id" IS NOT NULL);
