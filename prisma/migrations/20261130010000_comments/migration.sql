-- Discussion under every paper (issue 11): comments one level deep, their upvotes, reports and
-- commenting bans. Integrity is the database's: a reply answers a top-level comment of the same paper,
-- one upvote and one report per user and comment, and the counts readers see (papers.num_comments,
-- comments.upvotes) move in the same transaction as the rows they count.

ALTER TABLE "papers" ADD COLUMN "num_comments" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "papers" ADD CONSTRAINT "papers_num_comments_check" CHECK ("num_comments" >= 0);

CREATE TABLE "comments" (
    "id" SERIAL NOT NULL,
    "paper_id" INTEGER NOT NULL,
    "author_id" TEXT NOT NULL,
    "parent_id" INTEGER,
    "body" TEXT NOT NULL,
    "upvotes" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMPTZ(3),
    "deleted_at" TIMESTAMPTZ(3),
    "hidden_at" TIMESTAMPTZ(3),

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "comments_paper_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "comments_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "comments_body_check" CHECK (char_length("body") BETWEEN 1 AND 5000),
    CONSTRAINT "comments_upvotes_check" CHECK ("upvotes" >= 0)
);
-- A paper's discussion in reading order; a thread's replies.
CREATE INDEX "comments_paper_id_created_at_idx" ON "comments"("paper_id", "created_at");
CREATE INDEX "comments_parent_id_idx" ON "comments"("parent_id");
CREATE INDEX "comments_author_id_created_at_idx" ON "comments"("author_id", "created_at");

CREATE TABLE "comment_votes" (
    "user_id" TEXT NOT NULL,
    "comment_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_votes_pkey" PRIMARY KEY ("user_id", "comment_id"),
    CONSTRAINT "comment_votes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "comment_votes_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "comment_votes_comment_id_idx" ON "comment_votes"("comment_id");

CREATE TABLE "comment_reports" (
    "user_id" TEXT NOT NULL,
    "comment_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "comment_reports_pkey" PRIMARY KEY ("user_id", "comment_id"),
    CONSTRAINT "comment_reports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "comment_reports_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "comment_reports_reason_check" CHECK (char_length("reason") BETWEEN 1 AND 500)
);
CREATE INDEX "comment_reports_comment_id_idx" ON "comment_reports"("comment_id");

CREATE TABLE "comment_bans" (
    "user_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_bans_pkey" PRIMARY KEY ("user_id"),
    CONSTRAINT "comment_bans_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Threads are one level deep: a reply answers a top-level comment of the same paper; a comment never
-- moves to another paper, author or parent; and a banned user posts nothing.
CREATE FUNCTION "comments_check_thread"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW."paper_id", NEW."author_id", NEW."parent_id") IS DISTINCT FROM (OLD."paper_id", OLD."author_id", OLD."parent_id") THEN
    RAISE EXCEPTION 'a comment keeps its paper, author and parent' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM "comment_bans" b WHERE b."user_id" = NEW."author_id") THEN
    RAISE EXCEPTION 'this user may not comment' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' AND NEW."parent_id" IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "comments" p WHERE p."id" = NEW."parent_id" AND p."parent_id" IS NULL AND p."paper_id" = NEW."paper_id"
  ) THEN
    RAISE EXCEPTION 'a reply answers a top-level comment of the same paper' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "comments_check_thread" BEFORE INSERT OR UPDATE ON "comments"
FOR EACH ROW EXECUTE FUNCTION "comments_check_thread"();

-- papers.num_comments counts the comments readers see: neither deleted nor hidden. It moves with every
-- way that can change (posting, deleting, hiding, restoring, a user deleted with cascade).
CREATE FUNCTION "comments_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_visible boolean := TG_OP <> 'INSERT' AND OLD."deleted_at" IS NULL AND OLD."hidden_at" IS NULL;
  is_visible boolean := TG_OP <> 'DELETE' AND NEW."deleted_at" IS NULL AND NEW."hidden_at" IS NULL;
BEGIN
  IF is_visible AND NOT was_visible THEN
    UPDATE "papers" SET "num_comments" = "num_comments" + 1 WHERE "id" = NEW."paper_id";
  ELSIF was_visible AND NOT is_visible THEN
    UPDATE "papers" SET "num_comments" = "num_comments" - 1 WHERE "id" = OLD."paper_id";
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "comments_count" AFTER INSERT OR UPDATE OR DELETE ON "comments"
FOR EACH ROW EXECUTE FUNCTION "comments_count"();

-- comments.upvotes = the comment's vote rows, as papers.upvotes is kept.
CREATE FUNCTION "comment_votes_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "comments" SET "upvotes" = "upvotes" + 1 WHERE "id" = NEW."comment_id";
    RETURN NEW;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "comments" SET "upvotes" = "upvotes" - 1 WHERE "id" = OLD."comment_id";
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'comment votes cannot be updated; delete and insert instead';
END;
$$;
CREATE TRIGGER "comment_votes_count" AFTER INSERT OR DELETE ON "comment_votes"
FOR EACH ROW EXECUTE FUNCTION "comment_votes_count"();
CREATE TRIGGER "comment_votes_forbid_update" BEFORE UPDATE ON "comment_votes"
FOR EACH ROW EXECUTE FUNCTION "comment_votes_count"();

-- A paper's page shows its discussion: a change to a comment retires the page's shared copies (the
-- count on cards changes with papers.num_comments, which papers' own trigger announces).
CREATE FUNCTION "comments_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM page_cache_announce((
    SELECT array_agg(DISTINCT 'paper:' || p."arxiv_id")
    FROM (SELECT "paper_id" FROM new_rows UNION SELECT "paper_id" FROM old_rows) AS changed
    JOIN "papers" p ON p."id" = changed."paper_id"));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "comments_announce_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM page_cache_announce((
    SELECT array_agg(DISTINCT 'paper:' || p."arxiv_id") FROM new_rows JOIN "papers" p ON p."id" = new_rows."paper_id"));
  RETURN NULL;
END;
$$;
CREATE FUNCTION "comments_announce_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM page_cache_announce((
    SELECT array_agg(DISTINCT 'paper:' || p."arxiv_id") FROM old_rows JOIN "papers" p ON p."id" = old_rows."paper_id"));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "comments_announce_insert" AFTER INSERT ON "comments"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "comments_announce_insert"();
CREATE TRIGGER "comments_announce_update" AFTER UPDATE ON "comments"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "comments_announce"();
CREATE TRIGGER "comments_announce_delete" AFTER DELETE ON "comments"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "comments_announce_delete"();

-- The papers trigger announces changes to what pages show: the comment count is shown on every card.
CREATE OR REPLACE FUNCTION "papers_announce_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM page_cache_announce((
    SELECT array_agg(DISTINCT tag)
    FROM new_rows n
    JOIN old_rows o ON o.id = n.id,
    LATERAL (VALUES
      ('paper:' || n.arxiv_id),
      ('paper:' || o.arxiv_id),
      ('day:' || to_char(n.feed_day, 'YYYY-MM-DD')),
      ('day:' || to_char(o.feed_day, 'YYYY-MM-DD')),
      (CASE WHEN n.feed_day <> o.feed_day THEN 'days' END)
    ) AS t(tag)
    WHERE tag IS NOT NULL
      AND (n.arxiv_id, n.title, n.abstract, n.authors, n.published_at, n.feed_day, n.upvotes, n.github_repo, n.project_page, n.num_comments)
          IS DISTINCT FROM
          (o.arxiv_id, o.title, o.abstract, o.authors, o.published_at, o.feed_day, o.upvotes, o.github_repo, o.project_page, o.num_comments)));
  RETURN NULL;
END;
$$;
