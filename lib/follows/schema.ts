import { z } from "zod";
import { categorySchema, MAX_AUTHOR_NAME_LENGTH } from "@/lib/papers/schema";

export const FOLLOW_KINDS = ["author", "category", "keyword"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
/** The database refuses more (trigger follows_limit). */
export const MAX_FOLLOWS = 200;

const authorName = z.string().trim().min(1, "Which author?").max(MAX_AUTHOR_NAME_LENGTH);
/** Keywords are matched as the digest matches its keywords: lower-cased, anywhere in title or abstract. */
const keyword = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "A keyword has at least 2 characters.")
  .max(60, "A keyword has at most 60 characters.")
  .refine((value) => !value.includes(","), "One keyword at a time, without commas.");

export const followSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("author"), value: authorName, following: z.boolean() }),
  z.object({ kind: z.literal("category"), value: categorySchema, following: z.boolean() }),
  z.object({ kind: z.literal("keyword"), value: keyword, following: z.boolean() }),
]);

export interface Follows {
  authors: string[];
  categories: string[];
  keywords: string[];
}

/** "author:Ada Lovelace": how the reader's state names a follow. */
export const followKey = (kind: FollowKind, value: string) => `${kind}:${value}`;
