/**
 * The inline scripts our pages carry, and only these, are allowed by their pages' policy (by hash,
 * lib/http/security-headers.ts). Hashing whatever inline script a page held would also bless one
 * that reached the HTML by mistake (an injection): a script is hashed only when it is one of ours or
 * has the exact shape of what Next.js and Turbopack emit, which carry data, not code.
 */

/** The layout's head script: marks the page as the reader's when the session hint cookie is set. */
export const SESSION_HINT_SCRIPT = `if(/(?:^|;\\s*)dp_session=1(?:;|$)/.test(document.cookie))document.documentElement.setAttribute("data-session","")`;

const NEXT_SHAPES = [
  // Next.js's flight data: its queue, then chunks of data (a JSON string, or null).
  /^\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(\[0\]\)$/,
  /^self\.__next_f\.push\(\[\d,(?:null|"(?:[^"\\]|\\.)*")\]\)$/,
  // Turbopack's list of the page's chunks.
  /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\(\{"otherChunks":\[(?:"static\/chunks\/[\w.-]+\.(?:js|css)",?)*\],"runtimeModuleIds":\[[\d,]*\]\}\);?$/,
];

/** Whether an inline script's text is one the app emits (see above). */
export function isAppScript(body: string, own: readonly string[]): boolean {
  return own.includes(body) || NEXT_SHAPES.some((shape) => shape.test(body));
}
