import type { CompletionSpec } from './spec.js';
import { completionTables, GENERATED_NOTE } from './tables.js';
import { posixLookups } from './posix-tables.js';

/**
 * The bash script: lookups generated from the tree, then one function that finds the
 * command path in COMP_WORDS (skipping flags and their values) and fills COMPREPLY.
 * Works with bash 3.2 (macOS): no associative arrays. Profile names and asset codes come
 * from `credyt __complete`, which gives up after 2 seconds and never prompts.
 */
export function bashScript(spec: CompletionSpec): string {
  const name = spec.name;
  const p = `__${name}`;
  return `# bash completion for ${name}
# ${GENERATED_NOTE}
# Install: ${name} completion bash > ~/.local/share/bash-completion/completions/${name}

${posixLookups(completionTables(spec), p)}
# Profile names or asset codes, from the CLI itself (2 s limit, no prompt).
${p}_dynamic() {
  CREDYT_NO_INPUT=1 "$@" 2>/dev/null
}

_${name}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmdpath="" word expect="" nargs=0 i words
  local -a pass=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    # COMP_WORDBREAKS splits --flag=value into --flag, =, value.
    [[ $word == "=" ]] && continue
    if [[ -n $expect ]]; then
      case "$expect" in -p|--profile|--db|--base-url|--account) pass+=("$expect" "$word") ;; esac
      expect=""
      continue
    fi
    case "$word" in
      -*=*) continue ;;
      -*) if ${p}_takes_value "$cmdpath" "$word"; then expect="$word"; fi; continue ;;
    esac
    if ((nargs == 0)) && [[ $'\\n'"$(${p}_subcommands "$cmdpath")"$'\\n' == *$'\\n'"$word"$'\\n'* ]]; then
      cmdpath="\${cmdpath:+$cmdpath }$word"
    else
      ((nargs++))
    fi
  done
  [[ $cur == "=" ]] && cur=""

  if [[ -n $expect ]]; then
    words="$(${p}_flag_values "$cmdpath" "$expect")"
  elif [[ $cur == -* ]]; then
    words="$(${p}_flags "$cmdpath" | cut -d: -f1)"
  else
    words="$(${p}_subcommands "$cmdpath")"
    [[ -z $words || $nargs -gt 0 ]] && words="$(${p}_arg_values "$cmdpath" "$nargs")"
  fi

  case "$words" in
    @files) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    @*) words="$(${p}_dynamic "\${COMP_WORDS[0]}" __complete "\${words#@}" "\${pass[@]}")" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -F _${name} ${name}
`;
}
