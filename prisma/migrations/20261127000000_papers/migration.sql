-- Papers of the feed. The arXiv id is the public id; the integer id keeps foreign keys small.
CREATE TABLE "papers" (
    "id" SERIAL NOT NULL,
    "arxiv_id" VARCHAR(32) NOT NULL,
    "title" TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    "authors" TEXT[] NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "feed_day" DATE NOT NULL,
    "source_upvotes" INTEGER NOT NULL DEFAULT 0,
    "upvotes" INTEGER NOT NULL DEFAULT 0,
    "github_repo" TEXT,
    "project_page" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "papers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "papers_upvotes_check" CHECK ("source_upvotes" >= 0 AND "upvotes" >= "source_upvotes"),
    CONSTRAINT "papers_title_check" CHECK (length(btrim("title")) > 0)
);

CREATE UNIQUE INDEX "papers_arxiv_id_key" ON "papers"("arxiv_id");

-- Serves "papers of a day / week / month, most upvoted first" as an index range scan, no sort.
CREATE INDEX "papers_feed_day_upvotes_idx" ON "papers"("feed_day" DESC, "upvotes" DESC, "title");
