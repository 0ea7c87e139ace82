import { z } from "zod";
import { arxivIdSchema } from "@/lib/papers/schema";

/** Papers one request may ask the reader's state of (a page shows at most a few dozen). */
export const MAX_VIEWER_PAPERS = 200;

/** GET /api/viewer?ids=2401.00001,2401.00002: the papers on the reader's page. */
export const viewerQuerySchema = z
  .object({
    ids: z
      .string()
      .optional()
      .transform((value, context) => {
        const ids = (value ?? "").split(",").filter(Boolean);
        if (ids.length > MAX_VIEWER_PAPERS) {
          context.addIssue({ code: "custom", message: `at most ${MAX_VIEWER_PAPERS} ids` });
          return z.NEVER;
        }
        const parsed: string[] = [];
        for (const id of ids) {
          const result = arxivIdSchema.safeParse(id);
          if (!result.success) {
            context.addIssue({ code: "custom", message: `"${id.slice(0, 40)}" is not an arXiv id` });
            return z.NEVER;
          }
          parsed.push(result.data);
        }
        return [...new Set(parsed)];
      }),
  })
  .strict();

/**
 * What is the reader's own on a page everyone else sees too: who they are, which of its papers they
 * upvoted (with the counts as of now), and their digest subscription. Never part of a shared page.
 */
export type ViewerState =
  | { signedIn: false }
  | {
      signedIn: true;
      email: string;
      upvoted: string[];
      upvotes: Record<string, number>;
      /** Which of the page's papers are on the reader's reading list. */
      saved: string[];
      /** Everything the reader follows, as "author:Ada Lovelace", "category:cs.CL", "keyword:diffusion". */
      follows: string[];
      /** The address a one-click subscription would use (verified), and the subscription if there is one. */
      digest: { verifiedEmail: string | null; subscription: { status: string; preferencesHref: string } | null };
    };
