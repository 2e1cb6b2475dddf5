import type { CompletionSpec } from './spec.js';
import { completionTables, GENERATED_NOTE } from './tables.js';
import { posixLookups } from './posix-tables.js';

/**
 * The zsh script: the same lookups as bash, a candidate function that is plain zsh (so a
 * test can call it without a terminal), and the widget that hands the candidates to
 * `_describe`/`compadd` with their descriptions. It works from `fpath` (as `_credyt`)
 * and when sourced after `compinit`.
 */
export function zshScript(spec: CompletionSpec): string {
  const name = spec.name;
  const p = `__${name}`;
  return `#compdef ${name}
# zsh completion for ${name}
# ${GENERATED_NOTE}
# Install: ${name} completion zsh > "\${fpath[1]}/_${name}"   (then restart zsh)

${posixLookups(completionTables(spec), p)}
# Profile names or asset codes, from the CLI itself (2 s limit, no prompt).
${p}_dynamic() {
  CREDYT_NO_INPUT=1 "$@" 2>/dev/null
}

# Candidates for the word at index $1 of the words that follow: sets ${p}_kind to
# commands, flags, values or files, and ${p}_candidates to name[:description] lines.
${p}_complete_words() {
  emulate -L zsh
  local current=$1; shift
  local -a line=("$@") pass=()
  local cur="\${line[current]}" cmdpath="" word expect="" nargs=0 i subs
  for ((i = 2; i < current; i++)); do
    word="\${line[i]}"
    if [[ -n $expect ]]; then
      case "$expect" in -p|--profile|--db|--base-url|--account) pass+=("$expect" "$word") ;; esac
      expect=""
      continue
    fi
    case "$word" in
      -*=*) continue ;;
      -*) if ${p}_takes_value "$cmdpath" "$word"; then expect="$word"; fi; continue ;;
    esac
    subs=$'\\n'"$(${p}_subcommands "$cmdpath")"$'\\n'
    if (( nargs == 0 )) && [[ $subs == *$'\\n'"$word"$'\\n'* ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$word"
    else
      (( nargs++ ))
    fi
  done
  if [[ -z $expect && $cur == --*=* ]]; then
    expect="\${cur%%=*}"
  fi

  local found
  if [[ -n $expect ]]; then
    found="$(${p}_flag_values "$cmdpath" "$expect")"
    ${p}_kind=values
  elif [[ $cur == -* ]]; then
    ${p}_kind=flags
    ${p}_candidates=("\${(@f)$(${p}_flags "$cmdpath")}")
    return
  else
    found="$(${p}_described_subcommands "$cmdpath")"
    ${p}_kind=commands
    if [[ -z $found || $nargs -gt 0 ]]; then
      found="$(${p}_arg_values "$cmdpath" "$nargs")"
      ${p}_kind=values
    fi
  fi
  case "$found" in
    @files) ${p}_kind=files; ${p}_candidates=(); return ;;
    @*) found="$(${p}_dynamic "\${line[1]}" __complete "\${found#@}" "\${pass[@]}")" ;;
  esac
  if [[ \${${p}_kind} == commands ]]; then
    ${p}_candidates=("\${(@f)found}")
  else
    ${p}_candidates=(\${=found})
  fi
}

_${name}() {
  local ${p}_kind
  local -a ${p}_candidates
  ${p}_complete_words $CURRENT "\${words[@]}"
  case \${${p}_kind} in
    commands) _describe -t commands 'command' ${p}_candidates ;;
    flags) _describe -t flags 'flag' ${p}_candidates ;;
    files) compset -P '*='; _files ;;
    *) compset -P '*='; compadd -a ${p}_candidates ;;
  esac
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _${name} "$@"
else
  compdef _${name} ${name}
fi
`;
}
