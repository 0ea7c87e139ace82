-- Search that understands researchers (issue 17): a model that turns a paper into a vector
-- (lib/search/model.ts), one vector per paper, and an inverted-file index over the vectors
-- (lib/search/ivf.ts): centroids kept with the model, every vector filed under its nearest one.

CREATE TABLE "search_models" (
    "id" SERIAL PRIMARY KEY,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    -- Papers the model was trained on, and its vectors' dimensions.
    "trained_on" INTEGER NOT NULL CHECK ("trained_on" > 0),
    "dims" INTEGER NOT NULL CHECK ("dims" BETWEEN 8 AND 1024),
    -- The model in lib/search/model.ts's binary format.
    "model" BYTEA NOT NULL,
    -- IVF centroids: `lists` unit vectors of `dims` float32 each; computed from the stored vectors.
    "lists" INTEGER NOT NULL DEFAULT 0 CHECK ("lists" >= 0),
    "centroids" BYTEA,
    -- Papers that had vectors when the centroids were computed.
    "indexed_papers" INTEGER NOT NULL DEFAULT 0,
    -- The one model search uses.
    "active" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "search_models_centroids_check"
        CHECK (("lists" = 0 AND "centroids" IS NULL) OR octet_length("centroids") = "lists" * "dims" * 4)
);
CREATE UNIQUE INDEX "search_models_active_key" ON "search_models" ("active") WHERE "active";

CREATE TABLE "paper_vectors" (
    "paper_id" INTEGER PRIMARY KEY REFERENCES "papers"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "model_id" INTEGER NOT NULL REFERENCES "search_models"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    -- The IVF list (nearest centroid) the vector is filed under.
    "list" INTEGER NOT NULL CHECK ("list" >= 0),
    -- A float32 scale and one signed byte per dimension (lib/search/model.ts quantize()).
    "vector" BYTEA NOT NULL CHECK (octet_length("vector") BETWEEN 12 AND 1028)
);
-- A search reads a few lists whole: an index-only scan hands over ids and vectors list by list.
CREATE INDEX "paper_vectors_list_idx" ON "paper_vectors" ("model_id", "list") INCLUDE ("paper_id", "vector");

-- A paper whose words change loses its vector, and the worker is woken (channel `paper_vectors`;
-- PostgreSQL sends one notification per transaction) to compute it again from the new words.
-- Whoever writes papers.
CREATE FUNCTION "papers_forget_vector"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "paper_vectors" WHERE "paper_id" = NEW."id";
  PERFORM pg_notify('paper_vectors', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "papers_forget_vector" AFTER UPDATE OF "title", "abstract" ON "papers"
FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."abstract" IS DISTINCT FROM NEW."abstract")
EXECUTE FUNCTION "papers_forget_vector"();

-- New papers wake the worker too, once per statement, at commit.
CREATE FUNCTION "papers_need_vectors"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows) THEN
    PERFORM pg_notify('paper_vectors', '');
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER "papers_need_vectors" AFTER INSERT ON "papers"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "papers_need_vectors"();

-- New or changed vectors change search results: shared copies of result pages are retired
-- (lib/page-cache), as for any change to papers.
CREATE FUNCTION "paper_vectors_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM page_cache_announce(ARRAY['search']);
  RETURN NULL;
END;
$$;
CREATE TRIGGER "paper_vectors_announce" AFTER INSERT OR UPDATE OR DELETE ON "paper_vectors"
FOR EACH STATEMENT EXECUTE FUNCTION "paper_vectors_announce"();
