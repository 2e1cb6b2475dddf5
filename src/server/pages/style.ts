/** The pages' only stylesheet, served from `/pages/style.css` (CSP allows styles from self only). */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d9dee5; --accent: #1f5eff; --bad: #b42318; --ok: #067647; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
.bar { background: #101828; color: #fff; padding: .6rem 1rem; display: flex; gap: .75rem; align-items: baseline; }
.brand { font-weight: 700; }
.mode { font-size: .8rem; background: #fdb022; color: #101828; border-radius: 1rem; padding: 0 .6rem; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
section > h2:first-child, .card > h2:first-child { margin-top: 0; }
#rates { margin: .25rem 0 0; padding-left: 1.25rem; }
section, .card { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; margin: 0 0 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .25rem; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
th .muted { font-weight: 400; }
.muted { color: var(--muted); font-size: .9rem; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
select, input[type=text] { width: 100%; font: inherit; padding: .55rem; border: 1px solid #98a2b3; border-radius: .375rem; background: #fff; }
.hint { color: var(--muted); font-size: .85rem; margin: .25rem 0 0; }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1rem; }
button, .button { font: inherit; font-weight: 600; padding: .6rem 1.1rem; border-radius: .375rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: #fff; color: var(--bad); border-color: var(--bad); }
button:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #84adff; outline-offset: 2px; }
.error { border-left: 4px solid var(--bad); background: #fef3f2; padding: .75rem 1rem; border-radius: .25rem; }
.quote { border-left: 4px solid var(--ok); background: #ecfdf3; padding: .75rem 1rem; border-radius: .25rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
dl.facts dd ul { margin: 0; padding: 0; list-style: none; }
.big { font-size: 1.6rem; font-weight: 700; }
.status { font-size: .8rem; border-radius: 1rem; padding: 0 .5rem; border: 1px solid var(--line); }
footer.back { margin-top: 1.5rem; }
@media (max-width: 30rem) { main { padding: .5rem; } th, td { padding: .35rem .3rem; } .actions > * { flex: 1 1 100%; text-align: center; } .actions button { width: 100%; } }
`;
