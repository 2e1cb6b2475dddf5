/**
 * The one-line summary of each top-level command, as `credyt --help` lists it. The command
 * registers it, and program.ts lists it without loading the command's module; both
 * read it here (a module with no imports, so reading it costs nothing at start-up).
 */
export const TOP_SUMMARIES = {
  assets: 'Define custom assets and quote what fiat buys',
  rates: 'Add, schedule and list exchange rates of an asset (local engine)',
  customers: 'Create, list and show customers',
  subscriptions: 'Follow, pay, cancel and change subscriptions and their billing periods (local engine)',
  'top-up': 'Credit a customer: fiat, or a custom asset bought with fiat',
  'top-ups': 'List and follow payment top-ups, complete or fail them (local engine)',
  portal: "Print a link to a customer's billing portal (balances, usage, Add funds)",
  adjust: 'Credit or debit an account outside usage: refunds, charges, corrections',
  adjustments: 'List adjustments for reconciliation (local engine)',
  wallet: "Show a customer's wallet and its accounts",
  holds: 'Reserve, capture and release wallet value, pre-authorisations (local engine)',
  products: 'Define versioned products and their prices; simulate usage',
  usage: 'Post usage events, billed in real time',
  events: 'List usage events and show the fees of each',
  webhooks: 'Register webhook destinations, follow their deliveries, verify signatures',
  listen: 'Print, and forward signed, the webhook events of a local profile (local engine)',
  trigger: 'Perform the operations that cause a webhook topic (local engine)',
  vendors: 'Record vendors, the costs usage events report, and revenue/cost stats',
  accounts: 'Create, list and show connected accounts; --account acts on one',
  pricing: 'Pricing as code: validate, pull, plan, apply and test credyt.pricing.yaml',
  login: 'Save a profile (base URL + API key) after checking the key',
  logout: "Forget a profile's API key (the profile and its base URL stay)",
  profiles: 'List, choose, show and remove profiles (keys always masked); set a default account',
  whoami: 'Show the profile in use and the platform account its key belongs to',
  auth: 'Which key is in use, where it comes from, and whether it works',
  api: "Call any API endpoint with the profile's key and print the response body as received",
  local: 'Run the embedded wallet engine (local engine)',
  demo: 'Build the mixed fiat + token wallet in a fresh embedded database and print it',
  completion: 'Print the shell completion script for bash, zsh or fish',
  __complete: 'Profile names, asset codes or connected account ids, one per line (for the completion scripts)',
  help: 'Show help for a command or a topic (exit-codes, environment, formatting)',
} as const;
