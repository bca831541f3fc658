#!/usr/bin/env node
// packages/core must stay pure (house-style.md): no clock, no randomness, no console, no process,
// no network, no runtime dependency. The core tsconfig already hides console/process/fetch from the
// type checker; this script also catches Date.now, new Date(), Math.random and any bare import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const coreSrc = join(root, 'packages', 'core', 'src');
const forbidden = [
  [/\bDate\.now\s*\(/, 'Date.now() reads the clock'],
  [/\bnew Date\s*\(/, 'new Date() reads the clock or parses with local rules'],
  [/\bMath\.random\s*\(/, 'Math.random() is unseeded randomness'],
  [/\bconsole\./, 'console output from a library'],
  [/\bprocess\./, 'process access'],
  [/\bfetch\s*\(/, 'network access'],
  [/from\s+['"](?!\.{1,2}\/)[^'"]+['"]/, 'a runtime import from outside core'],
];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) yield path;
  }
}

const problems = [];
for (const file of walk(coreSrc)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    for (const [pattern, why] of forbidden) {
      if (pattern.test(code)) problems.push(`${relative(root, file)}:${index + 1}: ${why}: ${line.trim()}`);
    }
  });
}
if (problems.length > 0) {
  process.stderr.write(`packages/core is not pure:\n${problems.join('\n')}\n`);
  process.exit(1);
}
