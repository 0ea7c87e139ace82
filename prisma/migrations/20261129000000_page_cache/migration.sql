-- Shared copies of pages (lib/page-cache) are retired by the database itself: whatever writes papers
-- (the app, `npm run import`, a test, psql), the statement announces on the channel `page_cache`, at
-- commit, the tags of what it changed: "paper:<arXiv id>" for a paper's own page and every list that
-- shows it, "day:<YYYY-MM-DD>" for the feed pages of that day, "days" when papers came or went (the
-- previous/next links, the latest day), "search" for every result list. One announcement per
-- statement (statement-level triggers over transition tables), so an import of thousands of papers
-- sends one message, and a message too large for NOTIFY (8,000 bytes) becomes "*": retire everything.

CREATE FUNCTION "page_cache_announce"(tags text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text := json_build_object('tags', tags)::text;
BEGIN
  IF tags IS NULL OR cardinality(tags) = 0 THEN
    RETURN;
  END IF;
  IF octet_length(payload) > 7900 THEN
    payload := '{"tags":["*"]}';
  END IF;
  PERFORM pg_notify('page_cache', payload);
END;
$$;

-- INSERT ... ON CONFLICT fires the statement's INSERT trigger even when every row was a conflict.
CREATE FUNCTION "papers_announce_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM page_cache_announce(
    ARRAY['days', 'search'] || (SELECT array_agg(DISTINCT 'day:' || to_char(feed_day, 'YYYY-MM-DD')) FROM new_rows));
  RETURN NULL;
END;
$$;

CREATE FUNCTION "papers_announce_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM page_cache_announce(
    ARRAY['days', 'search'] || (
      SELECT array_agg(DISTINCT tag)
      FROM old_rows, LATERAL (VALUES ('day:' || to_char(feed_day, 'YYYY-MM-DD')), ('paper:' || arxiv_id)) AS t(tag)));
  RETURN NULL;
END;
$$;

-- Only changes to what a page shows count (not updated_at, not search_vector being recomputed).
CREATE FUNCTION "papers_announce_update"() RETURNS trigger LANGUAGE plpgsql AS $$
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
      AND (n.arxiv_id, n.title, n.abstract, n.authors, n.published_at, n.feed_day, n.upvotes, n.github_repo, n.project_page)
          IS DISTINCT FROM
          (o.arxiv_id, o.title, o.abstract, o.authors, o.published_at, o.feed_day, o.upvotes, o.github_repo, o.project_page)));
  RETURN NULL;
END;
$$;

-- A trigger with transition tables handles one event, hence three.
CREATE TRIGGER "papers_announce_insert" AFTER INSERT ON "papers"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "papers_announce_insert"();
CREATE TRIGGER "papers_announce_delete" AFTER DELETE ON "papers"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "papers_announce_delete"();
CREATE TRIGGER "papers_announce_update" AFTER UPDATE ON "papers"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "papers_announce_update"();
