/**
 * Version 22: what states money is immutable once written, by trigger, like the
 * journal. An account's identity (owner, name, asset): changing the owner hands its
 * balance to another customer. A top-up's terms always, and all of it once resolved. A
 * grant's terms (it is derived from the journal; only `remaining`, `expired_at` and
 * `expiry_entry_id` move, and nothing once expired). A hold's terms while pending (a
 * resolved hold was already immutable). None of these rows is ever deleted.
 * `credyt local verify` still checks every row against the journal: a trigger can be
 * dropped.
 */
const refuse = (message: string) => `BEGIN SELECT RAISE(ABORT, '${message.replaceAll("'", "''")}'); END;`;
const changed = (columns: string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

export const immutableRowsSchema = `
CREATE TRIGGER accounts_identity_immutable BEFORE UPDATE ON accounts
WHEN ${changed(['seq', 'customer_id', 'name', 'asset', 'created_at'])}
${refuse("an account's owner, name and asset are immutable")}
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
${refuse('accounts are never deleted')}

CREATE TRIGGER top_ups_resolve_once BEFORE UPDATE ON top_ups WHEN OLD.status <> 'initiated'
${refuse('a resolved top-up is immutable')}
CREATE TRIGGER top_ups_terms_immutable BEFORE UPDATE ON top_ups
WHEN ${changed(['seq', 'id', 'customer_id', 'account_seq', 'amount', 'currency', 'exchange_rate', 'quantity', 'rounded', 'description', 'metadata', 'credit_expires_at', 'return_url', 'failure_url', 'created_at', 'expires_at'])}
${refuse("a top-up's terms are immutable; only its status is resolved, once")}
CREATE TRIGGER top_ups_no_delete BEFORE DELETE ON top_ups
${refuse('top-ups are never deleted')}

CREATE TRIGGER grants_terms_immutable BEFORE UPDATE ON grants
WHEN ${changed(['seq', 'id', 'account_seq', 'purpose', 'amount', 'source_type', 'source_id', 'entry_id', 'effective_at', 'expires_at'])}
${refuse("a grant's terms are immutable")}
CREATE TRIGGER grants_expired_immutable BEFORE UPDATE ON grants WHEN OLD.expired_at IS NOT NULL
${refuse('an expired grant is immutable')}
CREATE TRIGGER grants_no_delete BEFORE DELETE ON grants
${refuse('grants are never deleted')}

CREATE TRIGGER holds_terms_immutable BEFORE UPDATE ON holds
WHEN ${changed(['seq', 'id', 'customer_id', 'account_seq', 'amount', 'description', 'expires_at', 'request_hash', 'created_at'])}
${refuse("a hold's terms are immutable; only its status is resolved, once")}
`;
