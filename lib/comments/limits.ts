/** Comment limits, shared by the server's validation and the editor's counter (no zod in the browser). */
export const COMMENT_MAX_LENGTH = 5_000;
export const REPORT_MAX_LENGTH = 500;
