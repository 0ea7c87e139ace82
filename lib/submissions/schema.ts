import { z } from "zod";
import { parseArxivId } from "@/lib/papers/schema";

/**
 * What a reader may paste: an arXiv id (2307.04990, 2307.04990v2, arXiv:2307.04990) or an arXiv URL
 * (arxiv.org/abs/..., arxiv.org/pdf/....pdf, with or without www/https).
 */
export const submissionSchema = z.object({
  input: z
    .string()
    .trim()
    .max(300, "That is too long to be an arXiv id or URL.")
    .transform((value, context) => {
      const candidate = value
        .replace(/^arxiv:/i, "")
        .replace(/^(https?:\/\/)?(www\.|export\.)?arxiv\.org\/(abs|pdf|html)\//i, "")
        .replace(/(\.pdf)?([?#].*)?$/i, "")
        .replace(/\/+$/, "");
      const id = parseArxivId(candidate);
      if (!id) {
        context.addIssue({
          code: "custom",
          message: "Enter an arXiv id like 2307.04990 or a link like https://arxiv.org/abs/2307.04990.",
        });
        return z.NEVER;
      }
      return id;
    }),
});

export type SubmissionResult =
  | { status: "added"; arxivId: string; title: string }
  | { status: "exists"; arxivId: string; title: string };
