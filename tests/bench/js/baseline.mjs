// The JavaScript baseline: what an extension without a native host would run in V8. The same rule
// pack (every regex, every context keyword, the name dictionaries), written the way a careful
// JavaScript author would: one global RegExp per pattern, a Set for dictionary words, and capitalised
// words tokenised and looked up in the Set. It does less than the host (no validators, no overlap
// resolution), so the host's ratio against it is, if anything, understated.
//
//   node tests/bench/js/baseline.mjs --corpus FILE.jsonl [--rules DIR] [--seconds N] [--json] [--quick]

import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function parseArgs(argv) {
  const args = { corpus: 'build/corpus.jsonl', rules: join(here, '..', '..', '..', 'rules'), seconds: 2, json: false, quick: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--quick') args.quick = true;
    else if (argv[i] === '--corpus') args.corpus = argv[++i];
    else if (argv[i] === '--rules') args.rules = argv[++i];
    else if (argv[i] === '--seconds') args.seconds = Number(argv[++i]);
  }
  return args;
}

function readList(file) {
  return readFileSync(file, 'utf8').split('\n').map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
}

// "@patient" names a keyword set of pack.json.
function expandKeywords(keywords, sets) {
  return keywords.flatMap((k) => (k.startsWith('@') ? sets[k.slice(1)] ?? [] : [k]));
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Hyperscan's PCRE syntax to JavaScript's: \x{HH} code points become \uHHHH.
function toJavaScript(pattern) {
  return pattern.replace(/\\x\{([0-9a-fA-F]{1,4})\}/g, (_, hex) => `\\u${hex.padStart(4, '0')}`);
}

export function loadPack(dir) {
  const pack = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
  const rules = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'pack.json').sort()) {
    for (const rule of JSON.parse(readFileSync(join(dir, file), 'utf8')).rules ?? []) {
      const flags = rule.flags ?? [];
      rules.push({
        id: rule.id,
        base: rule.base,
        regexes: (rule.patterns ?? []).map((p) => new RegExp(toJavaScript(p), `g${flags.includes('caseless') ? 'i' : ''}${flags.includes('dotall') ? 's' : ''}`)),
        dictionary: rule.dictionary ? new Set(readList(join(dir, rule.dictionary)).map((w) => w.toLowerCase())) : null,
        names: rule.names ?? null,
        context: (rule.context ?? []).map((c) => ({ ...c, keywords: new Set(expandKeywords(c.keywords ?? [], pack.keyword_sets ?? {})) })),
      });
    }
  }
  const keywords = [...new Set(rules.flatMap((r) => r.context.flatMap((c) => [...c.keywords])))];
  keywords.sort((a, b) => b.length - a.length);
  // One case-insensitive alternation of every keyword, longest first; the end is checked in scan().
  const keywordRegex = new RegExp(`\\b(?:${keywords.map(escapeRegExp).join('|')})`, 'gi');
  const nameRule = rules.find((r) => r.names);
  const names = nameRule ? {
    first: new Set(readList(join(dir, nameRule.names.first)).map((w) => w.toLowerCase())),
    last: new Set(readList(join(dir, nameRule.names.last)).map((w) => w.toLowerCase())),
  } : null;
  return { rules, keywordRegex, names, nameCount: names ? names.first.size + names.last.size : 0 };
}

// Whether a keyword of `clause` lies within its window around [start, end); keyword hits are sorted.
function keywordNear(hits, clause, start, end) {
  const from = start - (clause.before ?? 0);
  const to = end + (clause.after ?? 0);
  let low = 0;
  let high = hits.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (hits[mid].start < from) low = mid + 1; else high = mid;
  }
  for (let i = low; i < hits.length && hits[i].start < to; i += 1) {
    if (clause.keywords.has(hits[i].word)) return true;
  }
  return false;
}

function raisedByContext(rule, hits, start, end) {
  if (rule.base !== 'none') return true;
  return rule.context.some((c) => c.effect !== 'drop' && c.effect !== 'lower' && keywordNear(hits, c, start, end));
}

function isWordChar(text, i) {
  const c = text.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

export function scan(pack, text) {
  const hits = [];
  for (const m of text.matchAll(pack.keywordRegex)) {
    if (!isWordChar(text, m.index + m[0].length) || !isWordChar(text, m.index + m[0].length - 1)) {
      hits.push({ start: m.index, word: m[0].toLowerCase() });
    }
  }
  const findings = [];
  for (const rule of pack.rules) {
    for (const regex of rule.regexes) {
      for (const m of text.matchAll(regex)) {
        const end = m.index + m[0].length;
        if (raisedByContext(rule, hits, m.index, end)) findings.push({ rule: rule.id, start: m.index, end });
      }
    }
    if (rule.dictionary) {
      for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
        if (rule.dictionary.has(m[0].toLowerCase())) findings.push({ rule: rule.id, start: m.index, end: m.index + m[0].length });
      }
    }
  }
  if (pack.names) {
    // Capitalised words, looked up in the Sets; two in a row (first then last) make a full name.
    let previous = null;
    for (const m of text.matchAll(/\p{Lu}[\p{L}'’-]+/gu)) {
      const word = m[0].toLowerCase();
      const first = pack.names.first.has(word);
      const last = pack.names.last.has(word);
      if (previous && last && previous.end + 1 === m.index) findings.push({ rule: 'name.full', start: previous.start, end: m.index + m[0].length });
      previous = first ? { start: m.index, end: m.index + m[0].length } : null;
    }
  }
  return findings;
}

export function readCorpus(path) {
  const corpus = { phi: '', clean: '' };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const page = JSON.parse(line);
    corpus[page.kind === 'phi' ? 'phi' : 'clean'] += `${page.text}\n\n`;
  }
  return corpus;
}

// `text` repeated to `bytes` UTF-8 bytes (approximately: cut by characters).
export function sized(text, bytes) {
  let out = '';
  while (Buffer.byteLength(out) < bytes) out += text;
  return out.slice(0, bytes);
}

// CPU time of this process in ms (as phisentry_bench times its thread): on a shared machine the wall
// clock would measure the neighbours.
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function throughput(pack, text, seconds) {
  const bytes = Buffer.byteLength(text);
  let total = 0;
  scan(pack, text); // warm-up: V8 compiles each RegExp to native code after its first runs
  const started = cpuMs();
  do {
    scan(pack, text);
    total += bytes;
  } while (cpuMs() - started < seconds * 1000);
  return total / 1e6 / ((cpuMs() - started) / 1000);
}

function latency(pack, text, runs) {
  const samples = [];
  scan(pack, text);
  for (let i = 0; i < runs; i += 1) {
    const started = cpuMs();
    scan(pack, text);
    samples.push((cpuMs() - started) * 1000);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)], p99: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const loadStarted = cpuMs();
  const pack = loadPack(args.rules);
  const loadMs = cpuMs() - loadStarted;
  const corpus = readCorpus(args.corpus);
  // --quick (the smoke test): small inputs, few runs.
  const bytes = args.quick ? 16 << 10 : 1 << 20;
  const results = [
    { key: 'js.load_ms', value: loadMs, unit: 'ms' },
    { key: 'js.clean_mbps', value: throughput(pack, sized(corpus.clean, bytes), args.seconds), unit: 'MB/s' },
    { key: 'js.phi_mbps', value: throughput(pack, sized(corpus.phi, bytes), args.seconds), unit: 'MB/s' },
  ];
  for (const kib of args.quick ? [20] : [20, 1024]) {
    const l = latency(pack, sized(corpus.phi, kib << 10), args.quick ? 3 : kib < 100 ? 200 : 10);
    results.push({ key: `js.scan_${kib}k_p50_us`, value: l.p50, unit: 'us' }, { key: `js.scan_${kib}k_p99_us`, value: l.p99, unit: 'us' });
  }
  results.push({ key: 'js.heap_mb', value: process.memoryUsage().rss / 1e6, unit: 'MB' });
  if (args.json) {
    for (const r of results) console.log(JSON.stringify(r));
  } else {
    console.log(`JavaScript (V8 ${process.versions.v8}) baseline: ${pack.rules.length} rules, ${pack.nameCount} names`);
    for (const r of results) console.log(`${r.key.padEnd(24)} ${r.value.toFixed(2).padStart(10)} ${r.unit}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
