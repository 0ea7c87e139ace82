/** The GitHub OAuth app the main end-to-end server names (no request reaches GitHub: the tests stop at its door). */
export const GITHUB_TEST_CLIENT = "e2e-github-client";
