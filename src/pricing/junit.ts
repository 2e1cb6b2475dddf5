import type { TestResult } from './test-runner.js';

function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than escaped.
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML (the common Jenkins/GitLab/GitHub shape): one suite per file, one case per test. */
export function junitXml(suite: string, results: TestResult[], timestamp: Date): string {
  const count = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  const time = results.reduce((sum, r) => sum + r.seconds, 0).toFixed(3);
  const attrs = `tests="${results.length}" failures="${count('failed')}" errors="0" skipped="${count('skipped')}" time="${time}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="credyt pricing test" ${attrs}>`,
    `  <testsuite name="${escapeXml(suite)}" ${attrs} timestamp="${timestamp.toISOString()}">`,
  ];
  for (const r of results) {
    const open = `    <testcase name="${escapeXml(r.name)}" classname="pricing.${r.kind}" time="${r.seconds.toFixed(3)}"`;
    if (r.status === 'passed') {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`);
    if (r.status === 'skipped') {
      lines.push(`      <skipped message="${escapeXml(r.message ?? '')}"/>`);
    } else {
      const message = r.message ?? `expected ${r.expected}, got ${r.actual}`;
      const body = r.message ? r.message : `expected: ${r.expected}\nactual:   ${r.actual}`;
      lines.push(`      <failure message="${escapeXml(message)}" type="${r.message ? 'error' : 'assertion'}">${escapeXml(body)}</failure>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
