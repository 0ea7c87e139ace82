-- Issue 19: a reading list had no size; its page and exports are built whole. It now holds at most
-- 1,000 papers (lib/saved/limits.ts), enforced here; inserts for one reader take their turn (the
-- reader's row is locked), so two at once cannot both take the last place.
CREATE FUNCTION "saved_papers_cap"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "users" WHERE "id" = NEW."user_id" FOR UPDATE;
  IF (SELECT count(*) FROM "saved_papers" WHERE "user_id" = NEW."user_id") >= 1000 THEN
    RAISE EXCEPTION 'a reading list holds at most 1000 papers' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "saved_papers_cap" BEFORE INSERT ON "saved_papers"
FOR EACH ROW EXECUTE FUNCTION "saved_papers_cap"();
