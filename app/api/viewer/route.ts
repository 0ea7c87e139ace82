import { viewerEndpoint } from "@/lib/viewer/endpoint";

/** GET /api/viewer?ids=...: see lib/viewer/endpoint.ts. */
export const GET = (request: Request) => viewerEndpoint(request);
