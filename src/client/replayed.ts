/**
 * Header on an answer that replays an earlier request with the same idempotency key: the
 * body is the original result and nothing moved. A local extension (Credyt publishes no
 * such signal); the name is Stripe's. Lower case, as HTTP/1.1 clients read it.
 */
export const REPLAYED_HEADER = 'idempotent-replayed';
