import { z } from "zod";
import { parseDay, parseMonth, parseWeek } from "@/lib/dates";
import { categorySchema } from "@/lib/papers/schema";

/** `category=cs.CL`: only papers of that arXiv category. */
const categoryParam = categorySchema.optional();

export const API_DEFAULT_LIMIT = 50;
export const API_MAX_LIMIT = 100;
export const API_MAX_PAGE = 10_000;

const intParam = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === "") return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        context.addIssue({ code: "custom", message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return number;
    });

const periodParam = <T>(name: string, parse: (value: string) => T | null, example: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      const parsed = parse(value);
      if (!parsed) {
        context.addIssue({ code: "custom", message: `${name} must look like ${example}` });
        return z.NEVER;
      }
      return parsed;
    });

/** GET /api/daily_papers: at most one of date / week / month (none: the latest day). */
export const dailyPapersParamsSchema = z
  .object({
    date: periodParam("date", parseDay, "2026-04-01"),
    week: periodParam("week", parseWeek, "2026-W14"),
    month: periodParam("month", parseMonth, "2026-04"),
    sort: z.enum(["publishedAt", "trending"], { error: "sort must be publishedAt or trending" }).default("publishedAt"),
    p: intParam("p", 0, API_MAX_PAGE, 0),
    limit: intParam("limit", 1, API_MAX_LIMIT, API_DEFAULT_LIMIT),
    category: categoryParam,
  })
  .strict()
  .refine((value) => [value.date, value.week, value.month].filter(Boolean).length <= 1, {
    message: "give at most one of date, week and month",
    path: ["date"],
  });

/** GET /api/papers/search */
export const searchParamsSchema = z
  .object({
    q: z.string({ error: "q is required" }),
    limit: intParam("limit", 1, API_MAX_LIMIT, 20),
    category: categoryParam,
  })
  .strict();

/** GET /api/authors/<name>/papers */
export const authorPapersParamsSchema = z
  .object({
    p: intParam("p", 0, API_MAX_PAGE, 0),
    limit: intParam("limit", 1, API_MAX_LIMIT, API_DEFAULT_LIMIT),
  })
  .strict();

/** GET /api/papers/<id>/comments: threads, a page at a time. */
export const COMMENTS_DEFAULT_LIMIT = 20;
export const commentsParamsSchema = z.object({
  p: intParam("p", 0, API_MAX_PAGE, 0),
  limit: intParam("limit", 1, API_MAX_LIMIT, COMMENTS_DEFAULT_LIMIT),
});
