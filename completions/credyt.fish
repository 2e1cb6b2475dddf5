# fish completion for credyt
# Generated from the command tree by `npm run completions`; do not edit.
# Install: credyt completion fish > ~/.config/fish/completions/credyt.fish

# Succeeds when flag $2 of command path $1 is followed by a value.
function __credyt_takes_value
    switch $argv[2]
        case -p --profile --base-url --api-key --account --db -o --output --fields --limit --timeout --max-retries
            return 0
    end
    switch "$argv[1]|$argv[2]"
        case 'assets create|--code' 'assets create|--name' 'assets create|--label' 'assets create|--symbol' 'assets create|--precision' 'assets create|--rate' 'assets create|--inverse-rate'
            return 0
        case 'assets list|--offset'
            return 0
        case 'assets quote|--amount' 'assets quote|--source'
            return 0
        case 'rates add|--source' 'rates add|--rate' 'rates add|--inverse-rate' 'rates add|--effective-at'
            return 0
        case 'rates list|--offset'
            return 0
        case 'customers create|--name' 'customers create|--external-id' 'customers create|--email' 'customers create|--metadata' 'customers create|--product' 'customers create|--return-url' 'customers create|--failure-url'
            return 0
        case 'customers list|--offset'
            return 0
        case 'customers subscribe|--product' 'customers subscribe|--return-url' 'customers subscribe|--failure-url'
            return 0
        case 'customers stats|--from' 'customers stats|--to' 'customers stats|--interval'
            return 0
        case 'subscriptions list|--customer' 'subscriptions list|--status' 'subscriptions list|--offset'
            return 0
        case 'subscriptions change|--product'
            return 0
        case 'top-up|--asset' 'top-up|--rate' 'top-up|--reason' 'top-up|--transaction-id' 'top-up|--expires-at' 'top-up|--description' 'top-up|--metadata' 'top-up|--account-name' 'top-up|--return-url' 'top-up|--failure-url' 'top-up|--file' 'top-up|--format' 'top-up|--concurrency' 'top-up|--id-namespace' 'top-up|--rejects'
            return 0
        case 'top-ups list|--customer' 'top-ups list|--status' 'top-ups list|--since' 'top-ups list|--until' 'top-ups list|--offset'
            return 0
        case 'portal|--return-url' 'portal|--failure-url'
            return 0
        case 'adjust|--reason' 'adjust|--transaction-id' 'adjust|--expires-at' 'adjust|--description' 'adjust|--metadata' 'adjust|--account-name' 'adjust|--file' 'adjust|--format' 'adjust|--concurrency' 'adjust|--id-namespace' 'adjust|--rejects'
            return 0
        case 'adjustments list|--customer' 'adjustments list|--reason' 'adjustments list|--since' 'adjustments list|--until' 'adjustments list|--offset'
            return 0
        case 'wallet grants|--offset'
            return 0
        case 'wallet history|--type' 'wallet history|--since' 'wallet history|--until' 'wallet history|--offset'
            return 0
        case 'holds create|--expires-in' 'holds create|--expires-at' 'holds create|--hold-id' 'holds create|--account-name' 'holds create|--description'
            return 0
        case 'holds list|--status' 'holds list|--offset'
            return 0
        case 'products create|--file'
            return 0
        case 'products list|--offset'
            return 0
        case 'products version|--file'
            return 0
        case 'products simulate|--version' 'products simulate|--file' 'products simulate|--type' 'products simulate|--data' 'products simulate|--data-json'
            return 0
        case 'usage post|--type' 'usage post|--data' 'usage post|--data-json' 'usage post|--id' 'usage post|--subject' 'usage post|--occurred-at' 'usage post|--description' 'usage post|--cost' 'usage post|--file' 'usage post|--format' 'usage post|--batch-size' 'usage post|--concurrency' 'usage post|--id-namespace' 'usage post|--rejects' 'usage post|--id-scheme'
            return 0
        case 'events list|--customer' 'events list|--type' 'events list|--since' 'events list|--until' 'events list|--offset'
            return 0
        case 'webhooks create|--url' 'webhooks create|--topic' 'webhooks create|--description'
            return 0
        case 'webhooks list|--offset'
            return 0
        case 'webhooks deliveries|--status' 'webhooks deliveries|--offset'
            return 0
        case 'webhooks verify|--secret' 'webhooks verify|--signature' 'webhooks verify|--tolerance' 'webhooks verify|--file'
            return 0
        case 'listen|--forward-to' 'listen|--topic'
            return 0
        case 'trigger|--customer'
            return 0
        case 'vendors create|--name' 'vendors create|--external-id'
            return 0
        case 'vendors list|--offset'
            return 0
        case 'vendors stats|--from' 'vendors stats|--to' 'vendors stats|--interval'
            return 0
        case 'accounts create|--name' 'accounts create|--external-id' 'accounts create|--metadata'
            return 0
        case 'accounts list|--external-id' 'accounts list|--offset'
            return 0
        case 'pricing pull|--format'
            return 0
        case 'pricing test|--junit'
            return 0
        case 'api|-f' 'api|--field' 'api|--input' 'api|-H' 'api|--header'
            return 0
        case 'local serve|--port' 'local serve|--host'
            return 0
    end
    return 1
end

# Subcommands of command path $1.
function __credyt_subcommands
    switch "$argv[1]"
        case ''
            printf '%s\n' assets rates customers subscriptions top-up top-ups portal adjust adjustments wallet holds products usage events webhooks listen trigger vendors accounts pricing login logout profiles whoami auth api local demo completion help
        case 'assets'
            printf '%s\n' create list get quote help
        case 'rates'
            printf '%s\n' add list help
        case 'customers'
            printf '%s\n' create list get subscribe stats help
        case 'subscriptions'
            printf '%s\n' list get complete fail cancel change help
        case 'top-ups'
            printf '%s\n' list get complete fail help
        case 'adjustments'
            printf '%s\n' list help
        case 'wallet'
            printf '%s\n' get account grants history help
        case 'holds'
            printf '%s\n' create capture void list help
        case 'products'
            printf '%s\n' create list get version publish simulate help
        case 'usage'
            printf '%s\n' post help
        case 'events'
            printf '%s\n' list get help
        case 'webhooks'
            printf '%s\n' create list get delete deliveries resend verify help
        case 'vendors'
            printf '%s\n' create list get stats help
        case 'accounts'
            printf '%s\n' create list get help
        case 'pricing'
            printf '%s\n' validate pull plan apply test help
        case 'profiles'
            printf '%s\n' list use show remove account help
        case 'auth'
            printf '%s\n' status help
        case 'local'
            printf '%s\n' serve verify keys clock help
        case 'local keys'
            printf '%s\n' list revoke help
        case 'local clock'
            printf '%s\n' advance set reset
    end
end

# The command path and the number of positional arguments before the cursor.
function __credyt_state
    set -l tokens (commandline -opc)
    set -l path ""
    set -l nargs 0
    set -l expect 0
    for word in $tokens[2..-1]
        if test $expect = 1
            set expect 0
            continue
        end
        switch $word
            case '-*=*'
                continue
            case '-*'
                __credyt_takes_value "$path" $word; and set expect 1
                continue
        end
        if test $nargs = 0; and contains -- $word (__credyt_subcommands "$path")
            set path (string trim -- "$path $word")
        else
            set nargs (math $nargs + 1)
        end
    end
    echo $path
    echo $nargs
end

# At command path $1 with no positional argument yet (subcommands and flags apply).
function __credyt_at
    set -l state (__credyt_state)
    test "$state[1]" = "$argv[1]"
end

# At command path $1, completing positional argument $2 (from 0; "*" for any).
function __credyt_at_arg
    set -l state (__credyt_state)
    test "$state[1]" = "$argv[1]"; or return 1
    test "$argv[2]" = "*"; or test "$state[2]" = "$argv[2]"
end

# Profile names or asset codes, from the CLI itself (2 s limit, no prompt).
function __credyt_dynamic
    set -l pass
    set -l tokens (commandline -opc)
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case -p --profile --db --base-url --account
                test $i -lt (count $tokens); and set -a pass $tokens[$i] $tokens[(math $i + 1)]
        end
    end
    CREDYT_NO_INPUT=1 $tokens[1] __complete $argv[1] $pass 2>/dev/null
end

complete -c credyt -f
complete -c credyt -s p -l profile -x -a '(__credyt_dynamic profiles)' -d 'profile to use (env CREDYT_PROFILE)'
complete -c credyt -l base-url -x -d 'API base URL (env CREDYT_BASE_URL)'
complete -c credyt -l api-key -x -d 'API key (visible to other processes: prefer `login --with-key` or CREDYT_API_KEY)'
complete -c credyt -l account -x -a '(__credyt_dynamic accounts)' -d 'connected account to act on: sends X-CREDYT-ACCOUNT (env CREDYT_ACCOUNT)'
complete -c credyt -l db -r -F -d 'an existing database of the embedded engine (env CREDYT_DB)'
complete -c credyt -s o -l output -x -a 'table json jsonl csv tsv' -d 'output format (env CREDYT_OUTPUT)'
complete -c credyt -l json -d 'same as --output json'
complete -c credyt -s q -l quiet -d 'print ids only'
complete -c credyt -l no-header -d 'omit the header row of table, csv and tsv output'
complete -c credyt -l fields -x -d 'comma-separated fields (the API\'s keys) to print; alone, list them'
complete -c credyt -l limit -x -d 'list verbs: how many items (default 20)'
complete -c credyt -l all -d 'list verbs: every item, following pages'
complete -c credyt -l no-input -d 'never prompt (env CREDYT_NO_INPUT)'
complete -c credyt -s y -l yes -d 'answer yes to confirmations'
complete -c credyt -l no-color -d 'no colour (env NO_COLOR)'
complete -c credyt -l debug -d 'trace requests and responses on stderr, keys masked (env CREDYT_DEBUG=1)'
complete -c credyt -l timeout -x -d 'per-request timeout in seconds (default 30)'
complete -c credyt -l max-retries -x -d 'retries on 429, 5xx and network errors (default 3)'
complete -c credyt -s h -l help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a assets -d 'Define custom assets and quote what fiat buys'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a rates -d 'Add, schedule and list exchange rates of an asset (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a customers -d 'Create, list and show customers'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a subscriptions -d 'Follow, pay, cancel and change subscriptions and their billing periods (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a top-up -d 'Credit a customer: fiat, or a custom asset bought with fiat'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a top-ups -d 'List and follow payment top-ups, complete or fail them (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a portal -d 'Print a link to a customer\'s billing portal (balances, usage, Add funds)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a adjust -d 'Credit or debit an account outside usage: refunds, charges, corrections'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a adjustments -d 'List adjustments for reconciliation (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a wallet -d 'Show a customer\'s wallet and its accounts'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a holds -d 'Reserve, capture and release wallet value, pre-authorisations (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a products -d 'Define versioned products and their prices; simulate usage'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a usage -d 'Post usage events, billed in real time'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a events -d 'List usage events and show the fees of each'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a webhooks -d 'Register webhook destinations, follow their deliveries, verify signatures'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a listen -d 'Print, and forward signed, the webhook events of a local profile (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a trigger -d 'Perform the operations that cause a webhook topic (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a vendors -d 'Record vendors, the costs usage events report, and revenue/cost stats'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a accounts -d 'Create, list and show connected accounts; --account acts on one'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a pricing -d 'Pricing as code: validate, pull, plan, apply and test credyt.pricing.yaml'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a login -d 'Save a profile (base URL + API key) after checking the key'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a logout -d 'Forget a profile\'s API key (the profile and its base URL stay)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a profiles -d 'List, choose, show and remove profiles (keys always masked); set a default account'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a whoami -d 'Show the profile in use and the platform account its key belongs to'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a auth -d 'Which key is in use, where it comes from, and whether it works'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a api -d 'Call any API endpoint with the profile\'s key and print the response body as received'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a local -d 'Run the embedded wallet engine (local engine)'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a demo -d 'Build the mixed fiat + token wallet in a fresh embedded database and print it'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a completion -d 'Print the shell completion script for bash, zsh or fish'
complete -c credyt -n '__credyt_at_arg \'\' 0' -a help -d 'Show help for a command or a topic (exit-codes, environment, formatting)'
complete -c credyt -n '__credyt_at_arg \'assets\' 0' -a create -d 'Define a custom asset with its exchange rates'
complete -c credyt -n '__credyt_at_arg \'assets\' 0' -a list -d 'List custom assets'
complete -c credyt -n '__credyt_at_arg \'assets\' 0' -a get -d 'Show one asset with its active and scheduled rates'
complete -c credyt -n '__credyt_at_arg \'assets\' 0' -a quote -d 'Show how many units a fiat amount buys at the active rate'
complete -c credyt -n '__credyt_at_arg \'assets\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'rates\' 0' -a add -d 'Add an exchange rate now or schedule one for later (local engine)'
complete -c credyt -n '__credyt_at_arg \'rates\' 0' -a list -d 'Show the rate history of an asset: active, scheduled, superseded (local engine)'
complete -c credyt -n '__credyt_at_arg \'rates\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'customers\' 0' -a create -d 'Create a customer'
complete -c credyt -n '__credyt_at_arg \'customers\' 0' -a list -d 'List customers, newest first'
complete -c credyt -n '__credyt_at_arg \'customers\' 0' -a get -d 'Show one customer'
complete -c credyt -n '__credyt_at_arg \'customers\' 0' -a subscribe -d 'Subscribe a customer to products; their price assets get accounts (local engine)'
complete -c credyt -n '__credyt_at_arg \'customers\' 0' -a stats -d 'Show a customer\'s revenue (fees charged), vendor costs and margin'
complete -c credyt -n '__credyt_at_arg \'customers\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'subscriptions\' 0' -a list -d 'List subscriptions with their status, current period and next charge (local engine)'
complete -c credyt -n '__credyt_at_arg \'subscriptions\' 0' -a get -d 'Show a subscription: status, current period, next charge, payment link (local engine)'
complete -c credyt -n '__credyt_at_arg \'subscriptions\' 0' -a complete -d 'Pay a pending subscription: the first fee is paid, entitlements granted (local engine)'
complete -c credyt -n '__credyt_at_arg \'subscriptions\' 0' -a fail -d 'Fail a pending subscription\'s first payment (local engine)'
complete -c credyt -n '__credyt_at_arg \'subscriptions\' 0' -a cancel -d 'Cancel a subscription now or at the end of its period (local engine)'
complete -c credyt -n '__credyt_at_arg \'subscriptions\' 0' -a change -d 'Move a subscription to another version of a product (local engine)'
complete -c credyt -n '__credyt_at_arg \'subscriptions\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'top-ups\' 0' -a list -d 'List payment top-ups, newest first, for reconciliation (local engine)'
complete -c credyt -n '__credyt_at_arg \'top-ups\' 0' -a get -d 'Show a payment top-up and its status (local engine)'
complete -c credyt -n '__credyt_at_arg \'top-ups\' 0' -a complete -d 'Complete a payment top-up: pending_in moves to available (local engine)'
complete -c credyt -n '__credyt_at_arg \'top-ups\' 0' -a fail -d 'Fail a payment top-up: its pending_in is released (local engine)'
complete -c credyt -n '__credyt_at_arg \'top-ups\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'adjustments\' 0' -a list -d 'List adjustments (top-ups, refunds, charges), newest first (local engine)'
complete -c credyt -n '__credyt_at_arg \'adjustments\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'wallet\' 0' -a get -d 'Show every account of a customer\'s wallet'
complete -c credyt -n '__credyt_at_arg \'wallet\' 0' -a account -d 'Show one account of a wallet'
complete -c credyt -n '__credyt_at_arg \'wallet\' 0' -a grants -d 'List an account\'s credit grants: amount, remaining, purpose, expiry (local engine)'
complete -c credyt -n '__credyt_at_arg \'wallet\' 0' -a history -d 'List a wallet\'s transactions from the journal, newest first (local engine)'
complete -c credyt -n '__credyt_at_arg \'wallet\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'holds\' 0' -a create -d 'Reserve an amount of a wallet account (pending_out) until captured, voided or expired (local engine)'
complete -c credyt -n '__credyt_at_arg \'holds\' 0' -a capture -d 'Settle a pending hold: all of it, or AMOUNT with the rest released (local engine)'
complete -c credyt -n '__credyt_at_arg \'holds\' 0' -a void -d 'Release a pending hold without capturing anything (local engine)'
complete -c credyt -n '__credyt_at_arg \'holds\' 0' -a list -d 'List a customer\'s holds, newest first (local engine)'
complete -c credyt -n '__credyt_at_arg \'holds\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'products\' 0' -a create -d 'Create a product (version 1) from a JSON or YAML file'
complete -c credyt -n '__credyt_at_arg \'products\' 0' -a list -d 'List products, newest first'
complete -c credyt -n '__credyt_at_arg \'products\' 0' -a get -d 'Show a product with its versions and prices'
complete -c credyt -n '__credyt_at_arg \'products\' 0' -a version -d 'Add a new version of a product from a file (existing subscribers keep theirs)'
complete -c credyt -n '__credyt_at_arg \'products\' 0' -a publish -d 'Publish a product version, optionally making it the default for new subscribers'
complete -c credyt -n '__credyt_at_arg \'products\' 0' -a simulate -d 'Price usage events against a product version without charging anybody'
complete -c credyt -n '__credyt_at_arg \'products\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'usage\' 0' -a post -d 'Post usage events; prints each event status and the fees it produced'
complete -c credyt -n '__credyt_at_arg \'usage\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'events\' 0' -a list -d 'List usage events, newest first, with their fees'
complete -c credyt -n '__credyt_at_arg \'events\' 0' -a get -d 'Show one event and exactly which fees it produced'
complete -c credyt -n '__credyt_at_arg \'events\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a create -d 'Register a webhook destination; prints its id and signing secret'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a list -d 'List webhook destinations, newest first (secrets not shown)'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a get -d 'Show a webhook destination with its signing secret'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a delete -d 'Delete a webhook destination; its pending deliveries stop (local engine)'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a deliveries -d 'List a destination\'s deliveries and their last answer, newest first (local engine)'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a resend -d 'Deliver an event to a destination again, with a fresh retry window (local engine)'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a verify -d 'Check a received delivery\'s Credyt-Signature against its raw body (offline)'
complete -c credyt -n '__credyt_at_arg \'webhooks\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'vendors\' 0' -a create -d 'Create a vendor: a source of cost that usage events name in their costs'
complete -c credyt -n '__credyt_at_arg \'vendors\' 0' -a list -d 'List vendors, newest first'
complete -c credyt -n '__credyt_at_arg \'vendors\' 0' -a get -d 'Show one vendor'
complete -c credyt -n '__credyt_at_arg \'vendors\' 0' -a stats -d 'Show a vendor\'s costs per currency, in total or per day or month'
complete -c credyt -n '__credyt_at_arg \'vendors\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'accounts\' 0' -a create -d 'Create a connected account'
complete -c credyt -n '__credyt_at_arg \'accounts\' 0' -a list -d 'List connected accounts'
complete -c credyt -n '__credyt_at_arg \'accounts\' 0' -a get -d 'Show one connected account'
complete -c credyt -n '__credyt_at_arg \'accounts\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'pricing\' 0' -a validate -d 'Check a pricing file offline: schema, references, precision, rates (exit 0 or 5)'
complete -c credyt -n '__credyt_at_arg \'pricing\' 0' -a pull -d 'Export the profile\'s assets, rates and products as a pricing file'
complete -c credyt -n '__credyt_at_arg \'pricing\' 0' -a plan -d 'Compare a pricing file with the profile\'s live configuration (exit 0 in sync, 10 changes)'
complete -c credyt -n '__credyt_at_arg \'pricing\' 0' -a apply -d 'Create missing assets and products, add rates and new versions; never deletes'
complete -c credyt -n '__credyt_at_arg \'pricing\' 0' -a test -d 'Run a pricing file\'s tests: quotes and simulated usage (exit 0 all passed, 5 any failed)'
complete -c credyt -n '__credyt_at_arg \'pricing\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'profiles\' 0' -a list -d 'List profiles; * marks the current one'
complete -c credyt -n '__credyt_at_arg \'profiles\' 0' -a use -d 'Make a profile current'
complete -c credyt -n '__credyt_at_arg \'profiles\' 0' -a show -d 'Show a profile (default: the current one)'
complete -c credyt -n '__credyt_at_arg \'profiles\' 0' -a remove -d 'Delete a stored profile and its key'
complete -c credyt -n '__credyt_at_arg \'profiles\' 0' -a account -d 'Set or clear a profile\'s default connected account'
complete -c credyt -n '__credyt_at_arg \'profiles\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'auth\' 0' -a status -d 'Show the profile and key in use (masked), where the key comes from, and live or test'
complete -c credyt -n '__credyt_at_arg \'auth\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'local\' 0' -a serve -d 'Serve the embedded engine over HTTP, the Credyt API on 127.0.0.1 (local engine)'
complete -c credyt -n '__credyt_at_arg \'local\' 0' -a verify -d 'Audit the local ledger: every money row against the journal (local engine)'
complete -c credyt -n '__credyt_at_arg \'local\' 0' -a keys -d 'List or revoke the API keys (local engine)'
complete -c credyt -n '__credyt_at_arg \'local\' 0' -a clock -d 'Show the engine\'s clock; advance it to test renewals and expiries (local engine)'
complete -c credyt -n '__credyt_at_arg \'local\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'local keys\' 0' -a list -d 'List the API keys, never the keys themselves (local engine)'
complete -c credyt -n '__credyt_at_arg \'local keys\' 0' -a revoke -d 'Revoke an API key, by id or prefix (local engine)'
complete -c credyt -n '__credyt_at_arg \'local keys\' 0' -a help -d 'display help for command'
complete -c credyt -n '__credyt_at_arg \'local clock\' 0' -a advance -d 'Move the clock forward and process what falls due (local engine)'
complete -c credyt -n '__credyt_at_arg \'local clock\' 0' -a set -d 'Move the clock forward to a given time (local engine)'
complete -c credyt -n '__credyt_at_arg \'local clock\' 0' -a reset -d 'Put the clock back to wall time (local engine)'
complete -c credyt -n '__credyt_at \'\'' -s V -l version -d 'output the version number'
complete -c credyt -n '__credyt_at \'assets create\'' -l code -x -d 'asset code, e.g. TOK (letters, digits, _ and -); asked for when missing'
complete -c credyt -n '__credyt_at \'assets create\'' -l name -x -d 'customer-facing name; asked for when missing'
complete -c credyt -n '__credyt_at \'assets create\'' -l label -x -d 'short display label, e.g. tok'
complete -c credyt -n '__credyt_at \'assets create\'' -l symbol -x -d 'optional symbol, emoji allowed'
complete -c credyt -n '__credyt_at \'assets create\'' -l precision -x -d 'decimal places allowed, 0–18; asked for when missing'
complete -c credyt -n '__credyt_at \'assets create\'' -l rate -x -d 'price of one unit in a fiat currency, e.g. USD=0.00001 (repeatable)'
complete -c credyt -n '__credyt_at \'assets create\'' -l inverse-rate -x -d 'units one fiat unit buys, e.g. USD=100000 (repeatable)'
complete -c credyt -n '__credyt_at \'assets list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'assets quote\'' -l amount -x -d 'fiat amount, e.g. 10'
complete -c credyt -n '__credyt_at \'assets quote\'' -l source -x -d 'fiat currency, e.g. USD'
complete -c credyt -n '__credyt_at \'rates add\'' -l source -x -d 'fiat currency the rate is in, e.g. USD'
complete -c credyt -n '__credyt_at \'rates add\'' -l rate -x -d 'price of one unit in the source currency'
complete -c credyt -n '__credyt_at \'rates add\'' -l inverse-rate -x -d 'units one unit of the source currency buys'
complete -c credyt -n '__credyt_at \'rates add\'' -l effective-at -x -d 'when the rate takes effect, in the future (default now)'
complete -c credyt -n '__credyt_at \'rates list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'customers create\'' -l name -x -d 'customer name (asked for at a terminal when missing)'
complete -c credyt -n '__credyt_at \'customers create\'' -l external-id -x -d 'your own id for the customer (usable wherever CUSTOMER is asked)'
complete -c credyt -n '__credyt_at \'customers create\'' -l email -x -d 'contact email'
complete -c credyt -n '__credyt_at \'customers create\'' -l metadata -x -d 'metadata entry (repeatable)'
complete -c credyt -n '__credyt_at \'customers create\'' -l product -x -d 'subscribe to a product at creation (repeatable)'
complete -c credyt -n '__credyt_at \'customers create\'' -l return-url -x -d 'where the customer lands after paying a recurring fixed fee (required for such products)'
complete -c credyt -n '__credyt_at \'customers create\'' -l failure-url -x -d 'where the customer goes when that payment fails (required with --return-url)'
complete -c credyt -n '__credyt_at \'customers list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'customers subscribe\'' -l product -x -d 'product code, optionally @VERSION (default: the default version; repeatable)'
complete -c credyt -n '__credyt_at \'customers subscribe\'' -l return-url -x -d 'where the customer lands after paying a recurring fixed fee (required for such products)'
complete -c credyt -n '__credyt_at \'customers subscribe\'' -l failure-url -x -d 'where the customer goes when that payment fails (required with --return-url)'
complete -c credyt -n '__credyt_at \'customers stats\'' -l from -x -d 'first UTC day, inclusive (YYYY-MM-DD; default: all time)'
complete -c credyt -n '__credyt_at \'customers stats\'' -l to -x -d 'last UTC day, inclusive (YYYY-MM-DD; default: all time)'
complete -c credyt -n '__credyt_at \'customers stats\'' -l interval -x -d 'one line per day or month, then the totals'
complete -c credyt -n '__credyt_at \'subscriptions list\'' -l customer -x -d 'only this customer (id or external id)'
complete -c credyt -n '__credyt_at \'subscriptions list\'' -l status -x -a 'pending active failed cancelled' -d 'only subscriptions in this state'
complete -c credyt -n '__credyt_at \'subscriptions list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'subscriptions cancel\'' -l at-period-end -d 'keep it until its current period ends, then stop renewing'
complete -c credyt -n '__credyt_at \'subscriptions cancel\'' -l prorate -d 'refund the unused part of the current period\'s fixed fee'
complete -c credyt -n '__credyt_at \'subscriptions change\'' -l product -x -d 'the product and version to move to (default: its default version)'
complete -c credyt -n '__credyt_at \'subscriptions change\'' -l prorate -d 'credit the unused part of the current period\'s fixed fee'
complete -c credyt -n '__credyt_at \'top-up\'' -l asset -x -a '(__credyt_dynamic assets)' -d 'asset to credit (default: CURRENCY itself)'
complete -c credyt -n '__credyt_at \'top-up\'' -l rate -x -d 'override: units of the asset per one unit of CURRENCY'
complete -c credyt -n '__credyt_at \'top-up\'' -l reason -x -a 'external_topup gift promotion' -d 'why the balance changes'
complete -c credyt -n '__credyt_at \'top-up\'' -l transaction-id -x -d 'idempotency key; repeating it never credits twice (default: a new UUID)'
complete -c credyt -n '__credyt_at \'top-up\'' -l expires-at -x -d 'when the credited value expires'
complete -c credyt -n '__credyt_at \'top-up\'' -l description -x -d 'description stored with the transaction'
complete -c credyt -n '__credyt_at \'top-up\'' -l metadata -x -d 'metadata entry (repeatable)'
complete -c credyt -n '__credyt_at \'top-up\'' -l account-name -x -d 'wallet account name (default "default")'
complete -c credyt -n '__credyt_at \'top-up\'' -l checkout -d 'start a payment top-up (POST /top-ups) and print its checkout URL'
complete -c credyt -n '__credyt_at \'top-up\'' -l return-url -x -d 'with --checkout: where the customer returns after paying'
complete -c credyt -n '__credyt_at \'top-up\'' -l failure-url -x -d 'with --checkout: where the customer goes if payment fails'
complete -c credyt -n '__credyt_at \'top-up\'' -l file -r -F -d 'many top-ups from a file, one per line (- for stdin)'
complete -c credyt -n '__credyt_at \'top-up\'' -l format -x -a 'ndjson csv' -d 'input format (default: from the extension; .csv is CSV, else NDJSON)'
complete -c credyt -n '__credyt_at \'top-up\'' -l concurrency -x -d 'with --file: requests in flight at once (default: 32, 64 to a server on this machine; 4 when lines go in batches, to local serve or the embedded engine)'
complete -c credyt -n '__credyt_at \'top-up\'' -l id-namespace -x -d 'with --file: scope of the ids derived from line content (a UUID or any text)'
complete -c credyt -n '__credyt_at \'top-up\'' -l random-ids -d 'with --file: a new random id for lines without one (re-runs apply them again)'
complete -c credyt -n '__credyt_at \'top-up\'' -l rejects -r -F -d 'with --file: write every failed input line there, verbatim, to fix and feed back'
complete -c credyt -n '__credyt_at \'top-up\'' -l fail-fast -d 'with --file: stop at the first failed line'
complete -c credyt -n '__credyt_at \'top-up\'' -l dry-run -d 'with --file: check every line against the ledger and print the totals; writes nothing'
complete -c credyt -n '__credyt_at \'top-up\'' -l no-batch -d 'with --file: one request per line, even to the embedded engine or a local serve, which take 200 lines a request (a local extension)'
complete -c credyt -n '__credyt_at \'top-ups list\'' -l customer -x -d 'only this customer (id or external id)'
complete -c credyt -n '__credyt_at \'top-ups list\'' -l status -x -a 'initiated completed failed expired' -d 'only top-ups in this state'
complete -c credyt -n '__credyt_at \'top-ups list\'' -l since -x -d 'only top-ups created at or after this time'
complete -c credyt -n '__credyt_at \'top-ups list\'' -l until -x -d 'only top-ups created before this time'
complete -c credyt -n '__credyt_at \'top-ups list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'portal\'' -l return-url -x -d 'where "Back to the application" and a paid checkout go (local default: a page of the server)'
complete -c credyt -n '__credyt_at \'portal\'' -l failure-url -x -d 'where an expired link or a declined checkout goes (local default: a page of the server)'
complete -c credyt -n '__credyt_at \'portal\'' -l open -d 'also open the link in the system browser, when there is one'
complete -c credyt -n '__credyt_at \'adjust\'' -l reason -x -a 'external_topup external_refund gift promotion charge correction' -d 'why the balance changes'
complete -c credyt -n '__credyt_at \'adjust\'' -l transaction-id -x -d 'idempotency key; repeating it never credits twice (default: a new UUID)'
complete -c credyt -n '__credyt_at \'adjust\'' -l expires-at -x -d 'when the credited value expires'
complete -c credyt -n '__credyt_at \'adjust\'' -l description -x -d 'description stored with the transaction'
complete -c credyt -n '__credyt_at \'adjust\'' -l metadata -x -d 'metadata entry (repeatable)'
complete -c credyt -n '__credyt_at \'adjust\'' -l account-name -x -d 'wallet account name (default "default")'
complete -c credyt -n '__credyt_at \'adjust\'' -l file -r -F -d 'many adjustments from a file, one per line (- for stdin)'
complete -c credyt -n '__credyt_at \'adjust\'' -l format -x -a 'ndjson csv' -d 'input format (default: from the extension; .csv is CSV, else NDJSON)'
complete -c credyt -n '__credyt_at \'adjust\'' -l concurrency -x -d 'with --file: requests in flight at once (default: 32, 64 to a server on this machine; 4 when lines go in batches, to local serve or the embedded engine)'
complete -c credyt -n '__credyt_at \'adjust\'' -l id-namespace -x -d 'with --file: scope of the ids derived from line content (a UUID or any text)'
complete -c credyt -n '__credyt_at \'adjust\'' -l random-ids -d 'with --file: a new random id for lines without one (re-runs apply them again)'
complete -c credyt -n '__credyt_at \'adjust\'' -l rejects -r -F -d 'with --file: write every failed input line there, verbatim, to fix and feed back'
complete -c credyt -n '__credyt_at \'adjust\'' -l fail-fast -d 'with --file: stop at the first failed line'
complete -c credyt -n '__credyt_at \'adjust\'' -l dry-run -d 'with --file: check every line against the ledger and print the totals; writes nothing'
complete -c credyt -n '__credyt_at \'adjust\'' -l no-batch -d 'with --file: one request per line, even to the embedded engine or a local serve, which take 200 lines a request (a local extension)'
complete -c credyt -n '__credyt_at \'adjustments list\'' -l customer -x -d 'only this customer (id or external id)'
complete -c credyt -n '__credyt_at \'adjustments list\'' -l reason -x -d 'only this reason, e.g. external_topup, gift, external_refund'
complete -c credyt -n '__credyt_at \'adjustments list\'' -l since -x -d 'only adjustments made at or after this time'
complete -c credyt -n '__credyt_at \'adjustments list\'' -l until -x -d 'only adjustments made before this time'
complete -c credyt -n '__credyt_at \'adjustments list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'wallet grants\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'wallet history\'' -l type -x -d 'only this kind: adjustment, top_up_completed, usage_fees, hold_captured, grant_expired, …'
complete -c credyt -n '__credyt_at \'wallet history\'' -l since -x -d 'only transactions at or after this time'
complete -c credyt -n '__credyt_at \'wallet history\'' -l until -x -d 'only transactions before this time'
complete -c credyt -n '__credyt_at \'wallet history\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'holds create\'' -l expires-in -x -d 'the hold lapses after this long: 90s, 15m, 2h, 7d'
complete -c credyt -n '__credyt_at \'holds create\'' -l expires-at -x -d 'the hold lapses at this time'
complete -c credyt -n '__credyt_at \'holds create\'' -l hold-id -x -d 'idempotency key (default: a new UUID); the same id again changes nothing'
complete -c credyt -n '__credyt_at \'holds create\'' -l account-name -x -d 'account name (default: default)'
complete -c credyt -n '__credyt_at \'holds create\'' -l description -x -d 'what the hold is for'
complete -c credyt -n '__credyt_at \'holds list\'' -l status -x -d 'only holds in this status: pending, captured, voided, expired'
complete -c credyt -n '__credyt_at \'holds list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'products create\'' -l file -r -F -d 'product.json or product.yaml: code, name, prices[, entitlements]; - for stdin'
complete -c credyt -n '__credyt_at \'products create\'' -l publish -d 'publish version 1 at once (default: a draft)'
complete -c credyt -n '__credyt_at \'products list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'products version\'' -l file -r -F -d 'the version: name, prices[, entitlements] (JSON or YAML; - for stdin)'
complete -c credyt -n '__credyt_at \'products version\'' -l publish -d 'publish the new version at once (it does not become default)'
complete -c credyt -n '__credyt_at \'products publish\'' -l default -d 'also make it the default version'
complete -c credyt -n '__credyt_at \'products simulate\'' -l version -x -d 'version to price with (default: the default version; drafts allowed)'
complete -c credyt -n '__credyt_at \'products simulate\'' -l file -r -F -d 'events, one JSON object per line: {"type": …, "data": {…}} (- for stdin)'
complete -c credyt -n '__credyt_at \'products simulate\'' -l type -x -d 'one event of this type (instead of --file)'
complete -c credyt -n '__credyt_at \'products simulate\'' -l data -x -d 'event data; numbers stay exact, key= is absent (repeatable)'
complete -c credyt -n '__credyt_at \'products simulate\'' -l data-json -x -d 'event data as a JSON object (nested values)'
complete -c credyt -n '__credyt_at \'usage post\'' -l type -x -d 'event type, matched against the prices of subscribed products'
complete -c credyt -n '__credyt_at \'usage post\'' -l data -x -d 'event data; numbers stay exact decimals, true/false booleans, key= is absent (repeatable)'
complete -c credyt -n '__credyt_at \'usage post\'' -l data-json -x -d 'event data as a JSON object (nested values)'
complete -c credyt -n '__credyt_at \'usage post\'' -l id -x -d 'event id, the idempotency key (default: a new time-ordered UUIDv7)'
complete -c credyt -n '__credyt_at \'usage post\'' -l subject -x -d 'the object the usage is about, e.g. resp_77'
complete -c credyt -n '__credyt_at \'usage post\'' -l occurred-at -x -d 'when it happened (default now)'
complete -c credyt -n '__credyt_at \'usage post\'' -l description -x -d 'description'
complete -c credyt -n '__credyt_at \'usage post\'' -l cost -x -d 'what the event cost you: VENDOR=AMOUNT:CURRENCY, the vendor by id or external id, e.g. openai=0.0021:USD (repeatable)'
complete -c credyt -n '__credyt_at \'usage post\'' -l strict -d 'an event that matches no price is an error (exit 5; with --file, a failed line): it is stored but bills nothing'
complete -c credyt -n '__credyt_at \'usage post\'' -l file -r -F -d 'many events from a file, one per line (- for stdin)'
complete -c credyt -n '__credyt_at \'usage post\'' -l format -x -a 'ndjson csv' -d 'input format (default: from the extension; .csv is CSV, else NDJSON)'
complete -c credyt -n '__credyt_at \'usage post\'' -l batch-size -x -d 'with --file: lines per request, up to 1000 (default 1000)'
complete -c credyt -n '__credyt_at \'usage post\'' -l concurrency -x -d 'with --file: requests in flight at once (default: 4, 16 to a server on this machine)'
complete -c credyt -n '__credyt_at \'usage post\'' -l id-namespace -x -d 'with --file: scope of the ids derived from line content (a UUID or any text)'
complete -c credyt -n '__credyt_at \'usage post\'' -l random-ids -d 'with --file: a new random id for lines without one (re-runs apply them again)'
complete -c credyt -n '__credyt_at \'usage post\'' -l rejects -r -F -d 'with --file: write every failed input line there, verbatim, to fix and feed back'
complete -c credyt -n '__credyt_at \'usage post\'' -l fail-fast -d 'with --file: stop at the first failed line'
complete -c credyt -n '__credyt_at \'usage post\'' -l dry-run -d 'with --file: check every line against the ledger and print the totals; writes nothing'
complete -c credyt -n '__credyt_at \'usage post\'' -l id-scheme -x -a 'v1 v2' -d 'with --file: ids derived for lines without one: v2 (default) puts occurred_at first, v1 as before (re-run a file first posted before v2 with v1)'
complete -c credyt -n '__credyt_at \'events list\'' -l customer -x -d 'only this customer (id or external id)'
complete -c credyt -n '__credyt_at \'events list\'' -l type -x -d 'only this event type'
complete -c credyt -n '__credyt_at \'events list\'' -l since -x -d 'only events at or after this time'
complete -c credyt -n '__credyt_at \'events list\'' -l until -x -d 'only events before this time'
complete -c credyt -n '__credyt_at \'events list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'webhooks create\'' -l url -x -d 'https URL to POST events to (plain http only to loopback on the local engine)'
complete -c credyt -n '__credyt_at \'webhooks create\'' -l topic -x -d 'a topic to receive, repeatable (default: * = all); see docs/webhooks.md'
complete -c credyt -n '__credyt_at \'webhooks create\'' -l connect -d 'also receive events of connected accounts'
complete -c credyt -n '__credyt_at \'webhooks create\'' -l description -x -d 'what the destination is for'
complete -c credyt -n '__credyt_at \'webhooks list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'webhooks deliveries\'' -l status -x -d 'only deliveries in this state: pending, delivered, failed'
complete -c credyt -n '__credyt_at \'webhooks deliveries\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'webhooks verify\'' -l secret -x -d 'the destination\'s signing secret, whsec_… (credyt webhooks get ID)'
complete -c credyt -n '__credyt_at \'webhooks verify\'' -l signature -x -d 'the Credyt-Signature header as received: t=…,v0=…'
complete -c credyt -n '__credyt_at \'webhooks verify\'' -l tolerance -x -d 'how old (or early) the timestamp may be'
complete -c credyt -n '__credyt_at \'webhooks verify\'' -l file -r -F -d 'the raw request body, byte for byte; - for stdin (the default when piped)'
complete -c credyt -n '__credyt_at \'listen\'' -l forward-to -x -d 'POST each event to this http(s) URL, with a Credyt-Signature for the printed secret'
complete -c credyt -n '__credyt_at \'listen\'' -l topic -x -d 'a topic to receive, repeatable (default: * = all); see docs/webhooks.md'
complete -c credyt -n '__credyt_at \'listen\'' -l print-secret -d 'also print the signing secret alone on stdout, before any event'
complete -c credyt -n '__credyt_at \'trigger\'' -l customer -x -d 'act on this customer (cust_… or external id) instead of a throw-away one'
complete -c credyt -n '__credyt_at \'vendors create\'' -l name -x -d 'display name, e.g. OpenAI'
complete -c credyt -n '__credyt_at \'vendors create\'' -l external-id -x -d 'your id for it; events and commands may name the vendor by it'
complete -c credyt -n '__credyt_at \'vendors list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'vendors stats\'' -l from -x -d 'first UTC day, inclusive (YYYY-MM-DD; default: all time)'
complete -c credyt -n '__credyt_at \'vendors stats\'' -l to -x -d 'last UTC day, inclusive (YYYY-MM-DD; default: all time)'
complete -c credyt -n '__credyt_at \'vendors stats\'' -l interval -x -d 'one line per day or month, then the totals'
complete -c credyt -n '__credyt_at \'accounts create\'' -l name -x -d 'account name (asked for at a terminal when missing)'
complete -c credyt -n '__credyt_at \'accounts create\'' -l external-id -x -d 'your own id for the account (`accounts get` takes it)'
complete -c credyt -n '__credyt_at \'accounts create\'' -l metadata -x -d 'metadata entry (repeatable)'
complete -c credyt -n '__credyt_at \'accounts list\'' -l external-id -x -d 'only the account with this external id (still a page, as Credyt answers it)'
complete -c credyt -n '__credyt_at \'accounts list\'' -l offset -x -d 'skip this many items'
complete -c credyt -n '__credyt_at \'pricing pull\'' -l format -x -a 'yaml json' -d 'yaml (default) or json; -o json also gives json'
complete -c credyt -n '__credyt_at \'pricing plan\'' -l detailed-exitcode -d 'Terraform\'s exit codes: 0 in sync, 1 error, 2 changes pending'
complete -c credyt -n '__credyt_at \'pricing plan\'' -l make-default -d 'plan the requests of apply --make-default (a new version made the default too)'
complete -c credyt -n '__credyt_at \'pricing apply\'' -l dry-run -d 'print the requests it would send (key redacted) and send none'
complete -c credyt -n '__credyt_at \'pricing apply\'' -l make-default -d 'make each new (or matching) product version the default'
complete -c credyt -n '__credyt_at \'pricing test\'' -l local -d 'apply the file to a throw-away in-memory engine and test there (no key, no network)'
complete -c credyt -n '__credyt_at \'pricing test\'' -l junit -r -F -d 'also write the results as JUnit XML to this file'
complete -c credyt -n '__credyt_at \'login\'' -l with-key -d 'read the API key from stdin'
complete -c credyt -n '__credyt_at \'profiles account\'' -l unset -d 'clear the default: the profile acts as the platform again'
complete -c credyt -n '__credyt_at \'api\'' -s f -l field -x -d 'a field: numbers stay exact, true/false/null are literals (repeatable; a[b]=c nests)'
complete -c credyt -n '__credyt_at \'api\'' -l input -r -F -d 'request body from a file, or - for stdin (sent as is)'
complete -c credyt -n '__credyt_at \'api\'' -s H -l header -x -d 'extra request header (repeatable)'
complete -c credyt -n '__credyt_at \'api\'' -l paginate -d 'GET: follow limit/offset pages and print all items as one JSON array (NDJSON with -o jsonl)'
complete -c credyt -n '__credyt_at \'local serve\'' -l port -x -d 'port, 0 for any free one'
complete -c credyt -n '__credyt_at \'local serve\'' -l host -x -d 'interface to bind'
complete -c credyt -n '__credyt_at \'local serve\'' -l allow-insecure-webhooks -d 'let webhook destinations be plain http to any host, not only loopback'
complete -c credyt -n '__credyt_at \'local verify\'' -l full -d 'SQLite\'s full integrity_check (each index against its table) instead of quick_check'
complete -c credyt -n '__credyt_at_arg \'assets get\' 0' -a '(__credyt_dynamic assets)'
complete -c credyt -n '__credyt_at_arg \'assets quote\' 0' -a '(__credyt_dynamic assets)'
complete -c credyt -n '__credyt_at_arg \'rates add\' 0' -a '(__credyt_dynamic assets)'
complete -c credyt -n '__credyt_at_arg \'rates list\' 0' -a '(__credyt_dynamic assets)'
complete -c credyt -n '__credyt_at_arg \'top-up\' 2' -a '(__credyt_dynamic assets)'
complete -c credyt -n '__credyt_at_arg \'adjust\' 2' -a '(__credyt_dynamic assets)'
complete -c credyt -n '__credyt_at_arg \'accounts get\' 0' -a '(__credyt_dynamic accounts)'
complete -c credyt -n '__credyt_at_arg \'profiles use\' 0' -a '(__credyt_dynamic profiles)'
complete -c credyt -n '__credyt_at_arg \'profiles show\' 0' -a '(__credyt_dynamic profiles)'
complete -c credyt -n '__credyt_at_arg \'profiles remove\' 0' -a '(__credyt_dynamic profiles)'
complete -c credyt -n '__credyt_at_arg \'profiles account\' 0' -a '(__credyt_dynamic profiles)'
complete -c credyt -n '__credyt_at_arg \'profiles account\' 1' -a '(__credyt_dynamic accounts)'
complete -c credyt -n '__credyt_at_arg \'api\' 0' -a 'GET POST PATCH PUT DELETE'
complete -c credyt -n '__credyt_at_arg \'completion\' 0' -a 'bash zsh fish'
complete -c credyt -n '__credyt_at_arg \'help\' \'*\'' -a 'exit-codes environment formatting assets rates customers subscriptions top-up top-ups portal adjust adjustments wallet holds products usage events webhooks listen trigger vendors accounts pricing login logout profiles whoami auth api local demo completion help'
