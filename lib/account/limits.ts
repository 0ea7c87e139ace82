/** Display-name bounds, shared by the server's validation and the form (no zod in the browser). */
export const DISPLAY_NAME_MIN_LENGTH = 2;
export const DISPLAY_NAME_MAX_LENGTH = 40;
