/** The largest request body the API reads (fastify's bodyLimit, and the in-process lanes'). */
export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
