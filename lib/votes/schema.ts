import { z } from "zod";
import { arxivIdSchema } from "@/lib/papers/schema";

export const setUpvoteSchema = z.object({
  arxivId: arxivIdSchema,
  upvoted: z.boolean(),
});

export type SetUpvoteInput = z.infer<typeof setUpvoteSchema>;

/** The state of one user's upvote on one paper, as every upvote endpoint answers it. */
export interface UpvoteState {
  arxivId: string;
  upvotes: number;
  upvoted: boolean;
}
