-- Issue 19: commenters were shown by the part of their email address before the "@". They now choose
-- a display name (users.name, /me/settings) or are shown by a neutral handle; a change of name
-- retires the shared copies of the pages (and API answers, feeds) that show their comments.
CREATE FUNCTION "users_announce_name"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM page_cache_announce((
    SELECT array_agg(DISTINCT 'paper:' || p."arxiv_id")
    FROM "comments" c JOIN "papers" p ON p."id" = c."paper_id"
    WHERE c."author_id" = NEW."id"));
  RETURN NULL;
END;
$$;
CREATE TRIGGER "users_announce_name" AFTER UPDATE OF "name" ON "users"
FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "users_announce_name"();
