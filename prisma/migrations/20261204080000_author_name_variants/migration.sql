-- Issue 20: the same person as "Ryan A. Rossi" on one paper and "Ryan Rossi" on another had two
-- author pages. An author page now gathers the spellings that differ only by middle initials, case
-- or spacing: their key keeps the first and last words ("ryan rossi"). A bare initial in front stays
-- ("R. Rossi" is "r. rossi", not "ryan rossi"), so people who share a surname are never merged, and
-- middle names written out ("Ryan Anthony Rossi") stay apart too. The index on the exact names is
-- replaced by one on these keys: an exact name is found through its key (and its spelling is kept on
-- the papers, so search still finds it).
CREATE FUNCTION "author_key"("name" text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN regexp_replace(lower(btrim(regexp_replace("name", '\s+', ' ', 'g'))), '^(\S+)(?: [[:alpha:]]\.?)+ (\S+)$', '\1 \2');

CREATE FUNCTION "author_keys"("names" text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN ARRAY(SELECT "author_key"(n) FROM unnest("names") AS n);

DROP INDEX "papers_authors_idx";
CREATE INDEX "papers_author_keys_idx" ON "papers" USING GIN ("author_keys"("authors"));
