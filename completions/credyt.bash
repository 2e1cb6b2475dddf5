# bash completion for credyt
# Generated from the command tree by `npm run completions`; do not edit.
# Install: credyt completion bash > ~/.local/share/bash-completion/completions/credyt

# Subcommands of a command path ($1), one per line.
__credyt_subcommands() {
  case "$1" in
    '') printf '%s\n' assets rates customers subscriptions top-up top-ups portal adjust adjustments wallet holds products usage events webhooks listen trigger vendors accounts pricing login logout profiles whoami auth api local demo completion help ;;
    'assets') printf '%s\n' create list get quote help ;;
    'rates') printf '%s\n' add list help ;;
    'customers') printf '%s\n' create list get subscribe stats help ;;
    'subscriptions') printf '%s\n' list get complete fail cancel change help ;;
    'top-ups') printf '%s\n' list get complete fail help ;;
    'adjustments') printf '%s\n' list help ;;
    'wallet') printf '%s\n' get account grants history help ;;
    'holds') printf '%s\n' create capture void list help ;;
    'products') printf '%s\n' create list get version publish simulate help ;;
    'usage') printf '%s\n' post help ;;
    'events') printf '%s\n' list get help ;;
    'webhooks') printf '%s\n' create list get delete deliveries resend verify help ;;
    'vendors') printf '%s\n' create list get stats help ;;
    'accounts') printf '%s\n' create list get help ;;
    'pricing') printf '%s\n' validate pull plan apply test help ;;
    'profiles') printf '%s\n' list use show remove account help ;;
    'auth') printf '%s\n' status help ;;
    'local') printf '%s\n' serve verify keys clock help ;;
    'local keys') printf '%s\n' list revoke help ;;
    'local clock') printf '%s\n' advance set reset ;;
  esac
}

# The same, as name:summary lines (zsh shows the summaries).
__credyt_described_subcommands() {
  case "$1" in
    '') printf '%s\n' 'assets:Define custom assets and quote what fiat buys' 'rates:Add, schedule and list exchange rates of an asset (local engine)' 'customers:Create, list and show customers' 'subscriptions:Follow, pay, cancel and change subscriptions and their billing periods (local engine)' 'top-up:Credit a customer: fiat, or a custom asset bought with fiat' 'top-ups:List and follow payment top-ups, complete or fail them (local engine)' 'portal:Print a link to a customer'\''s billing portal (balances, usage, Add funds)' 'adjust:Credit or debit an account outside usage: refunds, charges, corrections' 'adjustments:List adjustments for reconciliation (local engine)' 'wallet:Show a customer'\''s wallet and its accounts' 'holds:Reserve, capture and release wallet value, pre-authorisations (local engine)' 'products:Define versioned products and their prices; simulate usage' 'usage:Post usage events, billed in real time' 'events:List usage events and show the fees of each' 'webhooks:Register webhook destinations, follow their deliveries, verify signatures' 'listen:Print, and forward signed, the webhook events of a local profile (local engine)' 'trigger:Perform the operations that cause a webhook topic (local engine)' 'vendors:Record vendors, the costs usage events report, and revenue/cost stats' 'accounts:Create, list and show connected accounts; --account acts on one' 'pricing:Pricing as code: validate, pull, plan, apply and test credyt.pricing.yaml' 'login:Save a profile (base URL + API key) after checking the key' 'logout:Forget a profile'\''s API key (the profile and its base URL stay)' 'profiles:List, choose, show and remove profiles (keys always masked); set a default account' 'whoami:Show the profile in use and the platform account its key belongs to' 'auth:Which key is in use, where it comes from, and whether it works' 'api:Call any API endpoint with the profile'\''s key and print the response body as received' 'local:Run the embedded wallet engine (local engine)' 'demo:Build the mixed fiat + token wallet in a fresh embedded database and print it' 'completion:Print the shell completion script for bash, zsh or fish' 'help:Show help for a command or a topic (exit-codes, environment, formatting)' ;;
    'assets') printf '%s\n' 'create:Define a custom asset with its exchange rates' 'list:List custom assets' 'get:Show one asset with its active and scheduled rates' 'quote:Show how many units a fiat amount buys at the active rate' 'help:display help for command' ;;
    'rates') printf '%s\n' 'add:Add an exchange rate now or schedule one for later (local engine)' 'list:Show the rate history of an asset: active, scheduled, superseded (local engine)' 'help:display help for command' ;;
    'customers') printf '%s\n' 'create:Create a customer' 'list:List customers, newest first' 'get:Show one customer' 'subscribe:Subscribe a customer to products; their price assets get accounts (local engine)' 'stats:Show a customer'\''s revenue (fees charged), vendor costs and margin' 'help:display help for command' ;;
    'subscriptions') printf '%s\n' 'list:List subscriptions with their status, current period and next charge (local engine)' 'get:Show a subscription: status, current period, next charge, payment link (local engine)' 'complete:Pay a pending subscription: the first fee is paid, entitlements granted (local engine)' 'fail:Fail a pending subscription'\''s first payment (local engine)' 'cancel:Cancel a subscription now or at the end of its period (local engine)' 'change:Move a subscription to another version of a product (local engine)' 'help:display help for command' ;;
    'top-ups') printf '%s\n' 'list:List payment top-ups, newest first, for reconciliation (local engine)' 'get:Show a payment top-up and its status (local engine)' 'complete:Complete a payment top-up: pending_in moves to available (local engine)' 'fail:Fail a payment top-up: its pending_in is released (local engine)' 'help:display help for command' ;;
    'adjustments') printf '%s\n' 'list:List adjustments (top-ups, refunds, charges), newest first (local engine)' 'help:display help for command' ;;
    'wallet') printf '%s\n' 'get:Show every account of a customer'\''s wallet' 'account:Show one account of a wallet' 'grants:List an account'\''s credit grants: amount, remaining, purpose, expiry (local engine)' 'history:List a wallet'\''s transactions from the journal, newest first (local engine)' 'help:display help for command' ;;
    'holds') printf '%s\n' 'create:Reserve an amount of a wallet account (pending_out) until captured, voided or expired (local engine)' 'capture:Settle a pending hold: all of it, or AMOUNT with the rest released (local engine)' 'void:Release a pending hold without capturing anything (local engine)' 'list:List a customer'\''s holds, newest first (local engine)' 'help:display help for command' ;;
    'products') printf '%s\n' 'create:Create a product (version 1) from a JSON or YAML file' 'list:List products, newest first' 'get:Show a product with its versions and prices' 'version:Add a new version of a product from a file (existing subscribers keep theirs)' 'publish:Publish a product version, optionally making it the default for new subscribers' 'simulate:Price usage events against a product version without charging anybody' 'help:display help for command' ;;
    'usage') printf '%s\n' 'post:Post usage events; prints each event status and the fees it produced' 'help:display help for command' ;;
    'events') printf '%s\n' 'list:List usage events, newest first, with their fees' 'get:Show one event and exactly which fees it produced' 'help:display help for command' ;;
    'webhooks') printf '%s\n' 'create:Register a webhook destination; prints its id and signing secret' 'list:List webhook destinations, newest first (secrets not shown)' 'get:Show a webhook destination with its signing secret' 'delete:Delete a webhook destination; its pending deliveries stop (local engine)' 'deliveries:List a destination'\''s deliveries and their last answer, newest first (local engine)' 'resend:Deliver an event to a destination again, with a fresh retry window (local engine)' 'verify:Check a received delivery'\''s Credyt-Signature against its raw body (offline)' 'help:display help for command' ;;
    'vendors') printf '%s\n' 'create:Create a vendor: a source of cost that usage events name in their costs' 'list:List vendors, newest first' 'get:Show one vendor' 'stats:Show a vendor'\''s costs per currency, in total or per day or month' 'help:display help for command' ;;
    'accounts') printf '%s\n' 'create:Create a connected account' 'list:List connected accounts' 'get:Show one connected account' 'help:display help for command' ;;
    'pricing') printf '%s\n' 'validate:Check a pricing file offline: schema, references, precision, rates (exit 0 or 5)' 'pull:Export the profile'\''s assets, rates and products as a pricing file' 'plan:Compare a pricing file with the profile'\''s live configuration (exit 0 in sync, 10 changes)' 'apply:Create missing assets and products, add rates and new versions; never deletes' 'test:Run a pricing file'\''s tests: quotes and simulated usage (exit 0 all passed, 5 any failed)' 'help:display help for command' ;;
    'profiles') printf '%s\n' 'list:List profiles; * marks the current one' 'use:Make a profile current' 'show:Show a profile (default: the current one)' 'remove:Delete a stored profile and its key' 'account:Set or clear a profile'\''s default connected account' 'help:display help for command' ;;
    'auth') printf '%s\n' 'status:Show the profile and key in use (masked), where the key comes from, and live or test' 'help:display help for command' ;;
    'local') printf '%s\n' 'serve:Serve the embedded engine over HTTP, the Credyt API on 127.0.0.1 (local engine)' 'verify:Audit the local ledger: every money row against the journal (local engine)' 'keys:List or revoke the API keys (local engine)' 'clock:Show the engine'\''s clock; advance it to test renewals and expiries (local engine)' 'help:display help for command' ;;
    'local keys') printf '%s\n' 'list:List the API keys, never the keys themselves (local engine)' 'revoke:Revoke an API key, by id or prefix (local engine)' 'help:display help for command' ;;
    'local clock') printf '%s\n' 'advance:Move the clock forward and process what falls due (local engine)' 'set:Move the clock forward to a given time (local engine)' 'reset:Put the clock back to wall time (local engine)' ;;
  esac
}

# Flags of a command path ($1): its own, then the global ones, as flag:description lines.
__credyt_flags() {
  case "$1" in
    '') printf '%s\n' '-V:output the version number' '--version:output the version number' ;;
    'assets create') printf '%s\n' '--code:asset code, e.g. TOK (letters, digits, _ and -); asked for when missing' '--name:customer-facing name; asked for when missing' '--label:short display label, e.g. tok' '--symbol:optional symbol, emoji allowed' '--precision:decimal places allowed, 0–18; asked for when missing' '--rate:price of one unit in a fiat currency, e.g. USD=0.00001 (repeatable)' '--inverse-rate:units one fiat unit buys, e.g. USD=100000 (repeatable)' ;;
    'assets list') printf '%s\n' '--offset:skip this many items' ;;
    'assets quote') printf '%s\n' '--amount:fiat amount, e.g. 10' '--source:fiat currency, e.g. USD' ;;
    'rates add') printf '%s\n' '--source:fiat currency the rate is in, e.g. USD' '--rate:price of one unit in the source currency' '--inverse-rate:units one unit of the source currency buys' '--effective-at:when the rate takes effect, in the future (default now)' ;;
    'rates list') printf '%s\n' '--offset:skip this many items' ;;
    'customers create') printf '%s\n' '--name:customer name (asked for at a terminal when missing)' '--external-id:your own id for the customer (usable wherever CUSTOMER is asked)' '--email:contact email' '--metadata:metadata entry (repeatable)' '--product:subscribe to a product at creation (repeatable)' '--return-url:where the customer lands after paying a recurring fixed fee (required for such products)' '--failure-url:where the customer goes when that payment fails (required with --return-url)' ;;
    'customers list') printf '%s\n' '--offset:skip this many items' ;;
    'customers subscribe') printf '%s\n' '--product:product code, optionally @VERSION (default: the default version; repeatable)' '--return-url:where the customer lands after paying a recurring fixed fee (required for such products)' '--failure-url:where the customer goes when that payment fails (required with --return-url)' ;;
    'customers stats') printf '%s\n' '--from:first UTC day, inclusive (YYYY-MM-DD; default: all time)' '--to:last UTC day, inclusive (YYYY-MM-DD; default: all time)' '--interval:one line per day or month, then the totals' ;;
    'subscriptions list') printf '%s\n' '--customer:only this customer (id or external id)' '--status:only subscriptions in this state' '--offset:skip this many items' ;;
    'subscriptions cancel') printf '%s\n' '--at-period-end:keep it until its current period ends, then stop renewing' '--prorate:refund the unused part of the current period'\''s fixed fee' ;;
    'subscriptions change') printf '%s\n' '--product:the product and version to move to (default: its default version)' '--prorate:credit the unused part of the current period'\''s fixed fee' ;;
    'top-up') printf '%s\n' '--asset:asset to credit (default: CURRENCY itself)' '--rate:override: units of the asset per one unit of CURRENCY' '--reason:why the balance changes' '--transaction-id:idempotency key; repeating it never credits twice (default: a new UUID)' '--expires-at:when the credited value expires' '--description:description stored with the transaction' '--metadata:metadata entry (repeatable)' '--account-name:wallet account name (default "default")' '--checkout:start a payment top-up (POST /top-ups) and print its checkout URL' '--return-url:with --checkout: where the customer returns after paying' '--failure-url:with --checkout: where the customer goes if payment fails' '--file:many top-ups from a file, one per line (- for stdin)' '--format:input format (default: from the extension; .csv is CSV, else NDJSON)' '--concurrency:with --file: requests in flight at once (default: 32, 64 to a server on this machine; 4 when lines go in batches, to local serve or the embedded engine)' '--id-namespace:with --file: scope of the ids derived from line content (a UUID or any text)' '--random-ids:with --file: a new random id for lines without one (re-runs apply them again)' '--rejects:with --file: write every failed input line there, verbatim, to fix and feed back' '--fail-fast:with --file: stop at the first failed line' '--dry-run:with --file: check every line against the ledger and print the totals; writes nothing' '--no-batch:with --file: one request per line, even to the embedded engine or a local serve, which take 200 lines a request (a local extension)' ;;
    'top-ups list') printf '%s\n' '--customer:only this customer (id or external id)' '--status:only top-ups in this state' '--since:only top-ups created at or after this time' '--until:only top-ups created before this time' '--offset:skip this many items' ;;
    'portal') printf '%s\n' '--return-url:where "Back to the application" and a paid checkout go (local default: a page of the server)' '--failure-url:where an expired link or a declined checkout goes (local default: a page of the server)' '--open:also open the link in the system browser, when there is one' ;;
    'adjust') printf '%s\n' '--reason:why the balance changes' '--transaction-id:idempotency key; repeating it never credits twice (default: a new UUID)' '--expires-at:when the credited value expires' '--description:description stored with the transaction' '--metadata:metadata entry (repeatable)' '--account-name:wallet account name (default "default")' '--file:many adjustments from a file, one per line (- for stdin)' '--format:input format (default: from the extension; .csv is CSV, else NDJSON)' '--concurrency:with --file: requests in flight at once (default: 32, 64 to a server on this machine; 4 when lines go in batches, to local serve or the embedded engine)' '--id-namespace:with --file: scope of the ids derived from line content (a UUID or any text)' '--random-ids:with --file: a new random id for lines without one (re-runs apply them again)' '--rejects:with --file: write every failed input line there, verbatim, to fix and feed back' '--fail-fast:with --file: stop at the first failed line' '--dry-run:with --file: check every line against the ledger and print the totals; writes nothing' '--no-batch:with --file: one request per line, even to the embedded engine or a local serve, which take 200 lines a request (a local extension)' ;;
    'adjustments list') printf '%s\n' '--customer:only this customer (id or external id)' '--reason:only this reason, e.g. external_topup, gift, external_refund' '--since:only adjustments made at or after this time' '--until:only adjustments made before this time' '--offset:skip this many items' ;;
    'wallet grants') printf '%s\n' '--offset:skip this many items' ;;
    'wallet history') printf '%s\n' '--type:only this kind: adjustment, top_up_completed, usage_fees, hold_captured, grant_expired, …' '--since:only transactions at or after this time' '--until:only transactions before this time' '--offset:skip this many items' ;;
    'holds create') printf '%s\n' '--expires-in:the hold lapses after this long: 90s, 15m, 2h, 7d' '--expires-at:the hold lapses at this time' '--hold-id:idempotency key (default: a new UUID); the same id again changes nothing' '--account-name:account name (default: default)' '--description:what the hold is for' ;;
    'holds list') printf '%s\n' '--status:only holds in this status: pending, captured, voided, expired' '--offset:skip this many items' ;;
    'products create') printf '%s\n' '--file:product.json or product.yaml: code, name, prices[, entitlements]; - for stdin' '--publish:publish version 1 at once (default: a draft)' ;;
    'products list') printf '%s\n' '--offset:skip this many items' ;;
    'products version') printf '%s\n' '--file:the version: name, prices[, entitlements] (JSON or YAML; - for stdin)' '--publish:publish the new version at once (it does not become default)' ;;
    'products publish') printf '%s\n' '--default:also make it the default version' ;;
    'products simulate') printf '%s\n' '--version:version to price with (default: the default version; drafts allowed)' '--file:events, one JSON object per line: {"type": …, "data": {…}} (- for stdin)' '--type:one event of this type (instead of --file)' '--data:event data; numbers stay exact, key= is absent (repeatable)' '--data-json:event data as a JSON object (nested values)' ;;
    'usage post') printf '%s\n' '--type:event type, matched against the prices of subscribed products' '--data:event data; numbers stay exact decimals, true/false booleans, key= is absent (repeatable)' '--data-json:event data as a JSON object (nested values)' '--id:event id, the idempotency key (default: a new time-ordered UUIDv7)' '--subject:the object the usage is about, e.g. resp_77' '--occurred-at:when it happened (default now)' '--description:description' '--cost:what the event cost you: VENDOR=AMOUNT:CURRENCY, the vendor by id or external id, e.g. openai=0.0021:USD (repeatable)' '--strict:an event that matches no price is an error (exit 5; with --file, a failed line): it is stored but bills nothing' '--file:many events from a file, one per line (- for stdin)' '--format:input format (default: from the extension; .csv is CSV, else NDJSON)' '--batch-size:with --file: lines per request, up to 1000 (default 1000)' '--concurrency:with --file: requests in flight at once (default: 4, 16 to a server on this machine)' '--id-namespace:with --file: scope of the ids derived from line content (a UUID or any text)' '--random-ids:with --file: a new random id for lines without one (re-runs apply them again)' '--rejects:with --file: write every failed input line there, verbatim, to fix and feed back' '--fail-fast:with --file: stop at the first failed line' '--dry-run:with --file: check every line against the ledger and print the totals; writes nothing' '--id-scheme:with --file: ids derived for lines without one: v2 (default) puts occurred_at first, v1 as before (re-run a file first posted before v2 with v1)' ;;
    'events list') printf '%s\n' '--customer:only this customer (id or external id)' '--type:only this event type' '--since:only events at or after this time' '--until:only events before this time' '--offset:skip this many items' ;;
    'webhooks create') printf '%s\n' '--url:https URL to POST events to (plain http only to loopback on the local engine)' '--topic:a topic to receive, repeatable (default: * = all); see docs/webhooks.md' '--connect:also receive events of connected accounts' '--description:what the destination is for' ;;
    'webhooks list') printf '%s\n' '--offset:skip this many items' ;;
    'webhooks deliveries') printf '%s\n' '--status:only deliveries in this state: pending, delivered, failed' '--offset:skip this many items' ;;
    'webhooks verify') printf '%s\n' '--secret:the destination'\''s signing secret, whsec_… (credyt webhooks get ID)' '--signature:the Credyt-Signature header as received: t=…,v0=…' '--tolerance:how old (or early) the timestamp may be' '--file:the raw request body, byte for byte; - for stdin (the default when piped)' ;;
    'listen') printf '%s\n' '--forward-to:POST each event to this http(s) URL, with a Credyt-Signature for the printed secret' '--topic:a topic to receive, repeatable (default: * = all); see docs/webhooks.md' '--print-secret:also print the signing secret alone on stdout, before any event' ;;
    'trigger') printf '%s\n' '--customer:act on this customer (cust_… or external id) instead of a throw-away one' ;;
    'vendors create') printf '%s\n' '--name:display name, e.g. OpenAI' '--external-id:your id for it; events and commands may name the vendor by it' ;;
    'vendors list') printf '%s\n' '--offset:skip this many items' ;;
    'vendors stats') printf '%s\n' '--from:first UTC day, inclusive (YYYY-MM-DD; default: all time)' '--to:last UTC day, inclusive (YYYY-MM-DD; default: all time)' '--interval:one line per day or month, then the totals' ;;
    'accounts create') printf '%s\n' '--name:account name (asked for at a terminal when missing)' '--external-id:your own id for the account (`accounts get` takes it)' '--metadata:metadata entry (repeatable)' ;;
    'accounts list') printf '%s\n' '--external-id:only the account with this external id (still a page, as Credyt answers it)' '--offset:skip this many items' ;;
    'pricing pull') printf '%s\n' '--format:yaml (default) or json; -o json also gives json' ;;
    'pricing plan') printf '%s\n' '--detailed-exitcode:Terraform'\''s exit codes: 0 in sync, 1 error, 2 changes pending' '--make-default:plan the requests of apply --make-default (a new version made the default too)' ;;
    'pricing apply') printf '%s\n' '--dry-run:print the requests it would send (key redacted) and send none' '--make-default:make each new (or matching) product version the default' ;;
    'pricing test') printf '%s\n' '--local:apply the file to a throw-away in-memory engine and test there (no key, no network)' '--junit:also write the results as JUnit XML to this file' ;;
    'login') printf '%s\n' '--with-key:read the API key from stdin' ;;
    'profiles account') printf '%s\n' '--unset:clear the default: the profile acts as the platform again' ;;
    'api') printf '%s\n' '-f:a field: numbers stay exact, true/false/null are literals (repeatable; a[b]=c nests)' '--field:a field: numbers stay exact, true/false/null are literals (repeatable; a[b]=c nests)' '--input:request body from a file, or - for stdin (sent as is)' '-H:extra request header (repeatable)' '--header:extra request header (repeatable)' '--paginate:GET: follow limit/offset pages and print all items as one JSON array (NDJSON with -o jsonl)' ;;
    'local serve') printf '%s\n' '--port:port, 0 for any free one' '--host:interface to bind' '--allow-insecure-webhooks:let webhook destinations be plain http to any host, not only loopback' ;;
    'local verify') printf '%s\n' '--full:SQLite'\''s full integrity_check (each index against its table) instead of quick_check' ;;
  esac
  printf '%s\n' '-p:profile to use (env CREDYT_PROFILE)' '--profile:profile to use (env CREDYT_PROFILE)' '--base-url:API base URL (env CREDYT_BASE_URL)' '--api-key:API key (visible to other processes: prefer `login --with-key` or CREDYT_API_KEY)' '--account:connected account to act on: sends X-CREDYT-ACCOUNT (env CREDYT_ACCOUNT)' '--db:an existing database of the embedded engine (env CREDYT_DB)' '-o:output format (env CREDYT_OUTPUT)' '--output:output format (env CREDYT_OUTPUT)' '--json:same as --output json' '-q:print ids only' '--quiet:print ids only' '--no-header:omit the header row of table, csv and tsv output' '--fields:comma-separated fields (the API'\''s keys) to print; alone, list them' '--limit:list verbs: how many items (default 20)' '--all:list verbs: every item, following pages' '--no-input:never prompt (env CREDYT_NO_INPUT)' '-y:answer yes to confirmations' '--yes:answer yes to confirmations' '--no-color:no colour (env NO_COLOR)' '--debug:trace requests and responses on stderr, keys masked (env CREDYT_DEBUG=1)' '--timeout:per-request timeout in seconds (default 30)' '--max-retries:retries on 429, 5xx and network errors (default 3)' '-h:display help for command' '--help:display help for command'
}

# Succeeds when flag $2 of command path $1 is followed by a value.
__credyt_takes_value() {
  case "$2" in
    -p|--profile|--base-url|--api-key|--account|--db|-o|--output|--fields|--limit|--timeout|--max-retries) return 0 ;;
  esac
  case "$1|$2" in
    'assets create|--code'|'assets create|--name'|'assets create|--label'|'assets create|--symbol'|'assets create|--precision'|'assets create|--rate'|'assets create|--inverse-rate') return 0 ;;
    'assets list|--offset') return 0 ;;
    'assets quote|--amount'|'assets quote|--source') return 0 ;;
    'rates add|--source'|'rates add|--rate'|'rates add|--inverse-rate'|'rates add|--effective-at') return 0 ;;
    'rates list|--offset') return 0 ;;
    'customers create|--name'|'customers create|--external-id'|'customers create|--email'|'customers create|--metadata'|'customers create|--product'|'customers create|--return-url'|'customers create|--failure-url') return 0 ;;
    'customers list|--offset') return 0 ;;
    'customers subscribe|--product'|'customers subscribe|--return-url'|'customers subscribe|--failure-url') return 0 ;;
    'customers stats|--from'|'customers stats|--to'|'customers stats|--interval') return 0 ;;
    'subscriptions list|--customer'|'subscriptions list|--status'|'subscriptions list|--offset') return 0 ;;
    'subscriptions change|--product') return 0 ;;
    'top-up|--asset'|'top-up|--rate'|'top-up|--reason'|'top-up|--transaction-id'|'top-up|--expires-at'|'top-up|--description'|'top-up|--metadata'|'top-up|--account-name'|'top-up|--return-url'|'top-up|--failure-url'|'top-up|--file'|'top-up|--format'|'top-up|--concurrency'|'top-up|--id-namespace'|'top-up|--rejects') return 0 ;;
    'top-ups list|--customer'|'top-ups list|--status'|'top-ups list|--since'|'top-ups list|--until'|'top-ups list|--offset') return 0 ;;
    'portal|--return-url'|'portal|--failure-url') return 0 ;;
    'adjust|--reason'|'adjust|--transaction-id'|'adjust|--expires-at'|'adjust|--description'|'adjust|--metadata'|'adjust|--account-name'|'adjust|--file'|'adjust|--format'|'adjust|--concurrency'|'adjust|--id-namespace'|'adjust|--rejects') return 0 ;;
    'adjustments list|--customer'|'adjustments list|--reason'|'adjustments list|--since'|'adjustments list|--until'|'adjustments list|--offset') return 0 ;;
    'wallet grants|--offset') return 0 ;;
    'wallet history|--type'|'wallet history|--since'|'wallet history|--until'|'wallet history|--offset') return 0 ;;
    'holds create|--expires-in'|'holds create|--expires-at'|'holds create|--hold-id'|'holds create|--account-name'|'holds create|--description') return 0 ;;
    'holds list|--status'|'holds list|--offset') return 0 ;;
    'products create|--file') return 0 ;;
    'products list|--offset') return 0 ;;
    'products version|--file') return 0 ;;
    'products simulate|--version'|'products simulate|--file'|'products simulate|--type'|'products simulate|--data'|'products simulate|--data-json') return 0 ;;
    'usage post|--type'|'usage post|--data'|'usage post|--data-json'|'usage post|--id'|'usage post|--subject'|'usage post|--occurred-at'|'usage post|--description'|'usage post|--cost'|'usage post|--file'|'usage post|--format'|'usage post|--batch-size'|'usage post|--concurrency'|'usage post|--id-namespace'|'usage post|--rejects'|'usage post|--id-scheme') return 0 ;;
    'events list|--customer'|'events list|--type'|'events list|--since'|'events list|--until'|'events list|--offset') return 0 ;;
    'webhooks create|--url'|'webhooks create|--topic'|'webhooks create|--description') return 0 ;;
    'webhooks list|--offset') return 0 ;;
    'webhooks deliveries|--status'|'webhooks deliveries|--offset') return 0 ;;
    'webhooks verify|--secret'|'webhooks verify|--signature'|'webhooks verify|--tolerance'|'webhooks verify|--file') return 0 ;;
    'listen|--forward-to'|'listen|--topic') return 0 ;;
    'trigger|--customer') return 0 ;;
    'vendors create|--name'|'vendors create|--external-id') return 0 ;;
    'vendors list|--offset') return 0 ;;
    'vendors stats|--from'|'vendors stats|--to'|'vendors stats|--interval') return 0 ;;
    'accounts create|--name'|'accounts create|--external-id'|'accounts create|--metadata') return 0 ;;
    'accounts list|--external-id'|'accounts list|--offset') return 0 ;;
    'pricing pull|--format') return 0 ;;
    'pricing test|--junit') return 0 ;;
    'api|-f'|'api|--field'|'api|--input'|'api|-H'|'api|--header') return 0 ;;
    'local serve|--port'|'local serve|--host') return 0 ;;
  esac
  return 1
}

# Values of flag $2 of command path $1: words, or @profiles, @assets, @files.
__credyt_flag_values() {
  case "$2" in
    -p|--profile) echo '@profiles'; return ;;
    --account) echo '@accounts'; return ;;
    --db) echo '@files'; return ;;
    -o|--output) echo 'table json jsonl csv tsv'; return ;;
  esac
  case "$1|$2" in
    'subscriptions list|--status') echo 'pending active failed cancelled'; return ;;
    'top-up|--asset') echo '@assets'; return ;;
    'top-up|--reason') echo 'external_topup gift promotion'; return ;;
    'top-up|--file') echo '@files'; return ;;
    'top-up|--format') echo 'ndjson csv'; return ;;
    'top-up|--rejects') echo '@files'; return ;;
    'top-ups list|--status') echo 'initiated completed failed expired'; return ;;
    'adjust|--reason') echo 'external_topup external_refund gift promotion charge correction'; return ;;
    'adjust|--file') echo '@files'; return ;;
    'adjust|--format') echo 'ndjson csv'; return ;;
    'adjust|--rejects') echo '@files'; return ;;
    'products create|--file') echo '@files'; return ;;
    'products version|--file') echo '@files'; return ;;
    'products simulate|--file') echo '@files'; return ;;
    'usage post|--file') echo '@files'; return ;;
    'usage post|--format') echo 'ndjson csv'; return ;;
    'usage post|--rejects') echo '@files'; return ;;
    'usage post|--id-scheme') echo 'v1 v2'; return ;;
    'webhooks verify|--file') echo '@files'; return ;;
    'pricing pull|--format') echo 'yaml json'; return ;;
    'pricing test|--junit') echo '@files'; return ;;
    'api|--input') echo '@files'; return ;;
  esac
}

# Values of positional argument $2 (from 0) of command path $1.
__credyt_arg_values() {
  case "$1|$2" in
    'assets get|0') echo '@assets' ;;
    'assets quote|0') echo '@assets' ;;
    'rates add|0') echo '@assets' ;;
    'rates list|0') echo '@assets' ;;
    'top-up|2') echo '@assets' ;;
    'adjust|2') echo '@assets' ;;
    'accounts get|0') echo '@accounts' ;;
    'profiles use|0') echo '@profiles' ;;
    'profiles show|0') echo '@profiles' ;;
    'profiles remove|0') echo '@profiles' ;;
    'profiles account|0') echo '@profiles' ;;
    'profiles account|1') echo '@accounts' ;;
    'api|0') echo 'GET POST PATCH PUT DELETE' ;;
    'completion|0') echo 'bash zsh fish' ;;
    'help|'*) echo 'exit-codes environment formatting assets rates customers subscriptions top-up top-ups portal adjust adjustments wallet holds products usage events webhooks listen trigger vendors accounts pricing login logout profiles whoami auth api local demo completion help' ;;
  esac
}

# Profile names or asset codes, from the CLI itself (2 s limit, no prompt).
__credyt_dynamic() {
  CREDYT_NO_INPUT=1 "$@" 2>/dev/null
}

_credyt() {
  local cur="${COMP_WORDS[COMP_CWORD]}" cmdpath="" word expect="" nargs=0 i words
  local -a pass=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    # COMP_WORDBREAKS splits --flag=value into --flag, =, value.
    [[ $word == "=" ]] && continue
    if [[ -n $expect ]]; then
      case "$expect" in -p|--profile|--db|--base-url|--account) pass+=("$expect" "$word") ;; esac
      expect=""
      continue
    fi
    case "$word" in
      -*=*) continue ;;
      -*) if __credyt_takes_value "$cmdpath" "$word"; then expect="$word"; fi; continue ;;
    esac
    if ((nargs == 0)) && [[ $'\n'"$(__credyt_subcommands "$cmdpath")"$'\n' == *$'\n'"$word"$'\n'* ]]; then
      cmdpath="${cmdpath:+$cmdpath }$word"
    else
      ((nargs++))
    fi
  done
  [[ $cur == "=" ]] && cur=""

  if [[ -n $expect ]]; then
    words="$(__credyt_flag_values "$cmdpath" "$expect")"
  elif [[ $cur == -* ]]; then
    words="$(__credyt_flags "$cmdpath" | cut -d: -f1)"
  else
    words="$(__credyt_subcommands "$cmdpath")"
    [[ -z $words || $nargs -gt 0 ]] && words="$(__credyt_arg_values "$cmdpath" "$nargs")"
  fi

  case "$words" in
    @files) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    @*) words="$(__credyt_dynamic "${COMP_WORDS[0]}" __complete "${words#@}" "${pass[@]}")" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -F _credyt credyt
