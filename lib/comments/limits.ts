/** Comment limits, shared by the server's validation and the editor's counter (no zod in the browser). */
export const COMMENT_MAX_LENGTH = 5_000;
export const REPORT_MAX_LENGTH = 500;

/** Formula output one comment may hold. */
export const COMMENT_MATH_BUDGET = 32 * 1024;
/** Formulas one comment may have rendered; the rest are shown as their TeX, without calling KaTeX. */
export const COMMENT_MAX_FORMULAS = 24;
/**
 * Formula output a whole discussion may hold, in a page, an API answer or a feed: one budget per
 * response, so that many comments full of formulas cost no more than a few (a stored comment is
 * rendered on every uncached view: 19 comments of 500 formulas made a 1 MB page and 1.1 s of CPU).
 */
export const DISCUSSION_MATH_BUDGET = 64 * 1024;
