-- Issue 19: a ban stops edits too, a report keeps the text it was made about, and comments lose
-- invisible formatting characters.
-- A banned author could still change what they had written (the ban was checked on INSERT only), and
-- a reported comment could be edited afterwards so that moderators read other text than the reporter.

-- Comments no longer keep invisible formatting characters (lib/comments/schema.ts, as titles do):
-- those stored before are cleaned the same way (before the ban below applies to edits).
UPDATE "comments"
SET "body" = btrim(regexp_replace("body", '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]', '', 'g'))
WHERE "body" ~ '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]'
  AND btrim(regexp_replace("body", '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]', '', 'g')) <> '';

CREATE OR REPLACE FUNCTION "comments_check_thread"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW."paper_id", NEW."author_id", NEW."parent_id") IS DISTINCT FROM (OLD."paper_id", OLD."author_id", OLD."parent_id") THEN
    RAISE EXCEPTION 'a comment keeps its paper, author and parent' USING ERRCODE = 'check_violation';
  END IF;
  IF (TG_OP = 'INSERT' OR NEW."body" IS DISTINCT FROM OLD."body")
     AND EXISTS (SELECT 1 FROM "comment_bans" b WHERE b."user_id" = NEW."author_id") THEN
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

-- The text as the reporter saw it, copied by the database when the report is made (reports made
-- before this migration get the text as it is now: the best there is).
ALTER TABLE "comment_reports" ADD COLUMN "reported_body" TEXT;
UPDATE "comment_reports" r SET "reported_body" = c."body" FROM "comments" c WHERE c."id" = r."comment_id";
ALTER TABLE "comment_reports" ALTER COLUMN "reported_body" SET NOT NULL;

CREATE FUNCTION "comment_reports_keep_body"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    NEW."reported_body" := OLD."reported_body";
  ELSE
    SELECT c."body" INTO NEW."reported_body" FROM "comments" c WHERE c."id" = NEW."comment_id";
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "comment_reports_keep_body" BEFORE INSERT OR UPDATE ON "comment_reports"
FOR EACH ROW EXECUTE FUNCTION "comment_reports_keep_body"();
