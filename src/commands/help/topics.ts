/** Help topics: `credyt help <topic>`. */
export const HELP_TOPICS: Record<string, { summary: string; text: string }> = {
  'exit-codes': {
    summary: 'What each exit code means',
    text: `Exit codes of credyt

  0    ok (also when a pipe's reader goes away, as in \`credyt … | head -1\`;
       a bulk write with --file then still sends every line, says so on
       stderr and exits as its run ends)
  1    generic error (a bug or an unexpected failure; --debug shows the stack),
       or a confirmation answered no (nothing was changed)
  2    usage: a wrong or missing flag or argument, or a bad profile setting;
       a missing value or a confirmation where no prompt is possible (the
       message names the flag, e.g. --name or --yes); a --db file that does
       not exist or is no ledger; local serve's --port in use
  3    authentication or permission: no key, a wrong key (HTTP 401/403)
  4    not found: unknown customer, asset, account, top-up, subscription
       (HTTP 404, or a 422 whose only problem is a reference that does not
       exist)
  5    validation, conflict or another 4xx: bad amount, duplicate code or
       external id, a transaction or event id replayed with a different body,
       a fixed-fee product without --return-url, paying a subscription that
       is not pending, the local clock moved backwards (400/409/422)
  6    rate limited after all retries (HTTP 429)
  7    server error after all retries (HTTP 5xx)
  8    network: connection refused or reset, DNS failure, timeout
  9    some lines of a bulk run failed (with --dry-run: would fail)
  10   pricing plan found changes
  11   \`credyt local verify\` found a ledger violation (each is printed with
       the table and id of the row at fault), or the ledger file is damaged
  12   not supported by this server: a local-only command (rates, subscribe,
       subscriptions, local clock, grants, history, holds, top-ups
       get/complete/fail) against a server
       that does not serve its endpoint (HTTP 404/405 without a named
       resource); it works with local profiles
  130  interrupted (Ctrl-C, at a prompt or during a request)

  \`credyt api\` prints the body of an error response too, then exits with
  the code of its status (3, 4, 5, 6 or 7).
`,
  },
  environment: {
    summary: 'Environment variables credyt reads',
    text: `Environment variables (a flag wins over its variable; a variable over the profile)

  CREDYT_PROFILE      profile to use (--profile)
  CREDYT_API_KEY      API key, used as is and never saved (--api-key, which other
                      processes can see; \`credyt login --with-key\` saves one)
  CREDYT_BASE_URL     API base URL (--base-url)
  CREDYT_DB           database of the embedded engine (--db)
  CREDYT_ACCOUNT      connected account (acc_…) every request acts on, sent as
                      X-CREDYT-ACCOUNT (--account; a profile may keep a default:
                      \`credyt profiles account NAME acc_…\`)
  CREDYT_CONFIG_DIR   where profiles are stored
  CREDYT_OUTPUT       table, json, jsonl, csv or tsv (--output)
  CREDYT_NO_INPUT     never prompt (--no-input)
  CI                  set by CI systems: never prompt
  CREDYT_DEBUG=1      trace requests and responses on stderr, keys masked, and
                      show stack traces (--debug)
  NO_COLOR            no colour (--no-color)
  FORCE_COLOR         colour even when not on a terminal (0 turns it off)

  Prompts appear only when stdin and stdout are terminals and neither
  --no-input, CREDYT_NO_INPUT nor CI is set (any value but "", 0 or false).
  Elsewhere a missing value is exit 2, and a confirmation needs --yes.
`,
  },
  formatting: {
    summary: 'Output formats and what goes to stdout',
    text: `Output

  stdout carries data only; notes, warnings and errors go to stderr.
  On a terminal the default is a table; piped, it is tab-separated values
  without a header, so \`cut -f\` and \`awk -F'\\t'\` work directly.

  -o table   amounts right-aligned at the asset's precision
  -o json    the API's JSON, every digit as received (also --json)
  -o jsonl   one JSON object per line (one per row)
  -o csv     RFC 4180 with a header of the API's keys (--no-header to drop it)
  -o tsv     tab-separated, header (the API's keys) unless piped by default
  -q         ids only, one per line

  --fields a,b    only these fields, named by the API's keys (external_id,
                  created_at…): columns of table/csv/tsv, keys of json/jsonl
                  (json keeps its shape: a page's items are reduced)
  --fields        alone, on a list or get command: the fields it can print

  Lists (assets, customers, rates, products, events) print 20 items; --limit N
  prints N, --all every one (both follow the API's pages), --offset N skips N.
  When fewer items are printed than exist, stderr says so:
    Showing 20 of 1,204 customers; use --all or --limit N to see more.

  Colour, tables and prompts are for terminals only: nothing piped carries
  escape codes (unless FORCE_COLOR asks for them).
`,
  },
};
