-- Invisible formatting characters are no longer accepted in papers (lib/papers/schema.ts:
-- UNWANTED_CHARACTERS): bidirectional overrides, embeddings, isolates and marks make a title display
-- as something it is not and spill into the text around it; zero-width characters hide differences.
-- Papers stored before are cleaned the same way.
UPDATE "papers"
SET "title" = btrim(regexp_replace("title", '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]', '', 'g')),
    "abstract" = btrim(regexp_replace("abstract", '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]', '', 'g')),
    "authors" = ARRAY(
      SELECT btrim(regexp_replace(name, '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]', '', 'g'))
      FROM unnest("authors") WITH ORDINALITY AS a(name, position)
      ORDER BY position)
WHERE "title" ~ '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]'
   OR "abstract" ~ '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]'
   OR array_to_string("authors", ' ') ~ '[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]';
