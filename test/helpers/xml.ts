/**
 * A strict well-formedness check of the XML the CLI writes (JUnit reports): one root,
 * balanced and properly nested tags, quoted attributes, only the five predefined entities
 * or character references, no stray `<` or `&`. Throws with the offset of the first fault.
 */
export function assertWellFormedXml(xml: string): void {
  const fail = (at: number, why: string) => {
    throw new Error(`not well-formed XML at ${at}: ${why}: ${JSON.stringify(xml.slice(at, at + 40))}`);
  };
  const checkText = (text: string, at: number) => {
    if (text.includes('<')) fail(at, 'stray <');
    for (const m of text.matchAll(/&([^;]*);?/g)) {
      if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(m[1]!) || !m[0].endsWith(';')) fail(at + m.index!, 'bad entity');
    }
  };
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const decl = /^<\?xml[^?]*\?>/.exec(xml);
  if (decl) i = decl[0].length;
  const name = '[A-Za-z_][\\w.-]*';
  const tag = new RegExp(`^<(/?)(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
  while (i < xml.length) {
    const next = xml.indexOf('<', i);
    const text = xml.slice(i, next === -1 ? xml.length : next);
    if (stack.length === 0 && text.trim() !== '') fail(i, 'text outside the root');
    checkText(text, i);
    if (next === -1) break;
    const m = tag.exec(xml.slice(next));
    if (!m) fail(next, 'bad tag');
    const [whole, close, tagName, attrs, selfClose] = m!;
    for (const a of attrs!.matchAll(/=\s*("([^"]*)"|'([^']*)')/g)) checkText(a[2] ?? a[3] ?? '', next);
    if (close) {
      if (stack.pop() !== tagName) fail(next, `unbalanced </${tagName}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(tagName!);
    }
    i = next + whole!.length;
  }
  if (stack.length > 0) fail(xml.length, `unclosed <${stack[stack.length - 1]}>`);
  if (roots !== 1) fail(0, `${roots} root elements`);
}
