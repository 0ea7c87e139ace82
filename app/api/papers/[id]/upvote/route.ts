import { upvoteEndpoint } from "@/lib/votes/endpoint";

type Context = { params: Promise<{ id: string }> };

/** POST upvotes, DELETE takes the upvote back: see lib/votes/endpoint.ts. */
export const POST = async (request: Request, context: Context) => upvoteEndpoint(request, (await context.params).id);
export const DELETE = async (request: Request, context: Context) => upvoteEndpoint(request, (await context.params).id);
