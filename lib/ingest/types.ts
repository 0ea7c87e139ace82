import type { PaperInput } from "@/lib/papers/schema";

/** A record an importer could not use, with the reason a person can act on. */
export interface Rejection {
  /** Where in the source: "item 12", "line 3041". */
  at: string;
  /** The record's id when it had a readable one. */
  id?: string;
  reason: string;
}

export interface ParsedBatch {
  papers: PaperInput[];
  rejected: Rejection[];
}

/** Turns a zod error into one line: "title: title is empty; authors: a paper needs at least one author". */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}
