-- What a paper is found by changed (its words, its authors, its categories): every search result
-- list, category page and author list may change, so "search" is announced too, whoever wrote it
-- (the app, an import, psql). Categories now count as a change of the paper's own page. Upvotes and
-- comment counts still retire only the paper's page and its days: they would otherwise flush every
-- search page at each vote.
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
      (CASE WHEN n.feed_day <> o.feed_day THEN 'days' END),
      (CASE WHEN (n.title, n.abstract, n.authors, n.categories) IS DISTINCT FROM (o.title, o.abstract, o.authors, o.categories)
            THEN 'search' END)
    ) AS t(tag)
    WHERE tag IS NOT NULL
      AND (n.arxiv_id, n.title, n.abstract, n.authors, n.categories, n.published_at, n.feed_day, n.upvotes, n.github_repo,
           n.project_page, n.num_comments)
          IS DISTINCT FROM
          (o.arxiv_id, o.title, o.abstract, o.authors, o.categories, o.published_at, o.feed_day, o.upvotes, o.github_repo,
           o.project_page, o.num_comments)));
  RETURN NULL;
END;
$$;
