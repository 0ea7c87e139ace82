import { authGet, authPost } from "@/lib/auth/handler";

export const GET = authGet;
export const POST = authPost;
