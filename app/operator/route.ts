import { operatorEntrance } from "@/lib/auth/operator-entrance";

/** GET /operator?key=...: makes this browser the operator's (see lib/auth/operator-entrance.ts). */
export const GET = operatorEntrance;
