-- Web processes keep the IVF lists they read in memory (lib/search/vectors/data.ts); a list's version
-- tells them whether their copy is still the list. Any write to paper_vectors (new vectors, a paper
-- whose words changed or that was deleted, vectors moved to new centroids) gives every list it touched
-- a new version, whoever writes.

CREATE SEQUENCE "vector_lists_version_seq";

CREATE TABLE "vector_lists" (
    "model_id" INTEGER NOT NULL REFERENCES "search_models"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "list" INTEGER NOT NULL CHECK ("list" >= 0),
    "version" BIGINT NOT NULL,
    PRIMARY KEY ("model_id", "list")
);

INSERT INTO "vector_lists" ("model_id", "list", "version")
SELECT "model_id", "list", nextval('vector_lists_version_seq') FROM "paper_vectors" GROUP BY "model_id", "list";

-- One statement-level trigger per kind of write (a trigger with transition tables has one event).
-- Lists are stamped in order, so that two writers touching the same lists never wait on each other
-- crosswise. A statement that wrote vectors also retires shared copies of search result pages
-- (lib/page-cache); one that wrote none (a paper whose vector was still to compute changed its
-- title) announces nothing, which the trigger it replaces did.
DROP TRIGGER "paper_vectors_announce" ON "paper_vectors";
DROP FUNCTION "paper_vectors_announce"();

CREATE FUNCTION "paper_vectors_touch_lists"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched INTEGER;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "vector_lists" ("model_id", "list", "version")
    SELECT c."model_id", c."list", nextval('vector_lists_version_seq')
    FROM (SELECT DISTINCT "model_id", "list" FROM new_rows ORDER BY 1, 2) c
    ON CONFLICT ("model_id", "list") DO UPDATE SET "version" = EXCLUDED."version";
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "vector_lists" ("model_id", "list", "version")
    SELECT c."model_id", c."list", nextval('vector_lists_version_seq')
    FROM (SELECT "model_id", "list" FROM new_rows UNION SELECT "model_id", "list" FROM old_rows ORDER BY 1, 2) c
    WHERE EXISTS (SELECT 1 FROM "search_models" m WHERE m."id" = c."model_id")
    ON CONFLICT ("model_id", "list") DO UPDATE SET "version" = EXCLUDED."version";
  ELSE
    UPDATE "vector_lists" l SET "version" = nextval('vector_lists_version_seq')
    FROM (SELECT DISTINCT "model_id", "list" FROM old_rows ORDER BY 1, 2) c
    WHERE l."model_id" = c."model_id" AND l."list" = c."list";
  END IF;
  GET DIAGNOSTICS touched = ROW_COUNT;
  IF touched > 0 THEN
    PERFORM page_cache_announce(ARRAY['search']);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "paper_vectors_touch_lists_insert" AFTER INSERT ON "paper_vectors"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "paper_vectors_touch_lists"();
CREATE TRIGGER "paper_vectors_touch_lists_update" AFTER UPDATE ON "paper_vectors"
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "paper_vectors_touch_lists"();
CREATE TRIGGER "paper_vectors_touch_lists_delete" AFTER DELETE ON "paper_vectors"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "paper_vectors_touch_lists"();
