// Tests for regenerate.mjs (pure functions and readers) and for the committed dictionaries.
// Run: node --test rules/dictionaries/
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import {
  CONTEXT_WORDS,
  DEFAULT_WORDS_FILE,
  MAX_FILE_BYTES,
  SqliteFile,
  asciiFold,
  buildCommonWordNames,
  buildFirstNames,
  buildLastNames,
  compareNames,
  decodeRecord,
  dedupeAndSort,
  isUsableName,
  lowerCaseWords,
  naturalCase,
  parseExportedArrays,
  readTarGz,
  readVarint,
  readZipEntry,
} from './regenerate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------------
// Normalisation

test('naturalCase title-cases upper- and lower-case source entries', () => {
  assert.equal(naturalCase('SMITH'), 'Smith');
  assert.equal(naturalCase('mary'), 'Mary');
  assert.equal(naturalCase('SMITH-JONES'), 'Smith-Jones');
  assert.equal(naturalCase("o'brien"), "O'Brien");
  assert.equal(naturalCase('NÚÑEZ'), 'Núñez');
  assert.equal(naturalCase('josé'), 'José');
});

test('naturalCase capitalises after Mc always and after Mac only for Gaelic surname roots', () => {
  assert.equal(naturalCase('MCDONALD'), 'McDonald');
  assert.equal(naturalCase('mckenzie'), 'McKenzie');
  assert.equal(naturalCase('MACDONALD', { surname: true }), 'MacDonald');
  assert.equal(naturalCase('MACDONALD'), 'Macdonald', 'given names keep the plain form');
  assert.equal(naturalCase('MACHADO', { surname: true }), 'Machado');
  assert.equal(naturalCase('MACKEY', { surname: true }), 'Mackey');
  assert.equal(naturalCase('SMITH-MCDONALD'), 'Smith-McDonald');
});

test('asciiFold strips accents, including the Vietnamese d with stroke', () => {
  assert.equal(asciiFold('Núñez'), 'nunez');
  assert.equal(asciiFold('Đặng'), 'dang');
  assert.equal(asciiFold('Nguyễn'), 'nguyen');
});

test('isUsableName drops one-letter entries, initialisms and context words', () => {
  assert.equal(isUsableName('A'), false);
  assert.equal(isUsableName('Jr'), false);
  assert.equal(isUsableName('Wms'), false);
  assert.equal(isUsableName('Ng'), true, 'a real vowel-less surname');
  assert.equal(isUsableName('Ty'), true, 'y counts as a vowel');
  assert.equal(isUsableName('Patient'), false);
  assert.equal(isUsableName('Son'), false);
  assert.equal(isUsableName('Al'), true);
});

test('dedupeAndSort collapses case-only duplicates, keeps the first form and sorts caselessly', () => {
  assert.deepEqual(dedupeAndSort(['McDonald', 'Mcdonald', 'adams', 'Baker', 'Adams']), ['adams', 'Baker', 'McDonald']);
  assert.ok(compareNames('Mary', 'mary') !== 0, 'case variants still have a fixed order');
});

test('buildFirstNames drops birth-record placeholders and adds accents only for listed names', () => {
  const first = buildFirstNames(['mary', 'jose', 'baby', 'unknown', 'infantof', 'j', 'jr'], ['Mary', 'Raul']);
  assert.deepEqual(first, ['Jose', 'José', 'Mary', 'Raul', 'Raúl']);
  assert.ok(!buildFirstNames(['mary'], []).includes('José'), 'no accented form without its ASCII form');
});

test("buildLastNames adds O' forms and accented forms only next to their Census spelling", () => {
  const last = buildLastNames(['OBRIEN', 'NUNEZ', 'MCCOY', 'MACLEOD', 'MACIAS', 'PATIENT', 'MT']);
  assert.deepEqual(last, ['Macias', 'MacLeod', 'McCoy', 'Nunez', 'Núñez', "O'Brien", 'Obrien']);
  assert.ok(!buildLastNames(['SMITH']).includes("O'Brien"));
});

test('lowerCaseWords keeps only lower-case entries of the word list', () => {
  const words = lowerCaseWords('Mark\nmark\nJune\nrose\nRose\nwill\n');
  assert.deepEqual([...words].sort(), ['mark', 'rose', 'will']);
});

test('buildCommonWordNames uses lower-case words and the clinic/office list, nothing else', () => {
  const words = lowerCaseWords('hope\nwill\nJune\n');
  const common = buildCommonWordNames(['Hope', 'June', 'Mary', 'Ana'], ['Will', 'Smith'], words);
  assert.deepEqual(common, ['Ana', 'Hope', 'June', 'Will'], 'June and Ana come from the hand-kept list');
});

// ---------------------------------------------------------------------------------------------------
// Readers

test('readVarint decodes one-, two- and nine-byte varints', () => {
  assert.deepEqual(readVarint(Buffer.from([0x05]), 0), [5, 1]);
  assert.deepEqual(readVarint(Buffer.from([0x81, 0x00]), 0), [128, 2]);
  const nine = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x01]);
  assert.deepEqual(readVarint(nine, 0), [2 ** 8 * 1 + 1, 9]);
});

test('decodeRecord decodes null, integers, constants, text and float', () => {
  const text = Buffer.from('Zed', 'utf8');
  const float = Buffer.alloc(8);
  float.writeDoubleBE(1.5);
  // header: size 7, types NULL(0), int8(1), int16(2), const 1(9), text len 3 (13+2*3=19), float(7)
  const header = Buffer.from([7, 0, 1, 2, 9, 19, 7]);
  const body = Buffer.concat([Buffer.from([0xfe, 0x01, 0x00]), text, float]);
  assert.deepEqual(decodeRecord(Buffer.concat([header, body])), [null, -2, 256, 1, 'Zed', 1.5]);
});

function zipOf(name, data, { corruptCrc = false } = {}) {
  const compressed = zlib.deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const crc = (zlib.crc32(data) ^ (corruptCrc ? 1 : 0)) >>> 0;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralStart = local.length + nameBytes.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([local, nameBytes, compressed, central, nameBytes, end]);
}

test('readZipEntry inflates a member and rejects a wrong CRC or a missing member', { skip: typeof zlib.crc32 !== 'function' && 'zlib.crc32 needs Node >= 20.15' }, () => {
  const data = Buffer.from('Synthetic,Row\n'.repeat(200));
  assert.deepEqual(readZipEntry(zipOf('a.csv', data), 'a.csv'), data);
  assert.throws(() => readZipEntry(zipOf('a.csv', data, { corruptCrc: true }), 'a.csv'), /CRC/);
  assert.throws(() => readZipEntry(zipOf('a.csv', data), 'b.csv'), /not found/);
});

function tarEntry(path, data) {
  const header = Buffer.alloc(512);
  header.write(path, 0, 'latin1');
  header.write(data.length.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  header.write('0', 156, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([header, data, padding]);
}

test('readTarGz returns the wanted regular files of a gzipped tar', () => {
  const tar = Buffer.concat([
    tarEntry('package/a.txt', Buffer.from('first')),
    tarEntry('package/b.txt', Buffer.alloc(700, 0x41)),
    Buffer.alloc(1024),
  ]);
  const files = readTarGz(zlib.gzipSync(tar));
  assert.equal(files.get('package/a.txt').toString(), 'first');
  assert.equal(files.get('package/b.txt').length, 700);
  assert.deepEqual([...readTarGz(zlib.gzipSync(tar), ['package/b.txt']).keys()], ['package/b.txt']);
});

const hasSqliteCli = (() => {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('SqliteFile reads every row of a multi-page table, overflow pages included, as sqlite3 wrote it', { skip: !hasSqliteCli && 'sqlite3 CLI not installed (apt-get install -y sqlite3)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'phisentry-sqlite-test-'));
  try {
    const path = join(dir, 'synthetic.sqlite');
    // 3000 synthetic rows spread over interior and leaf pages; every 500th carries a 9000-byte text
    // so that its payload spills into an overflow chain.
    const sql = `CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, n INTEGER NOT NULL);
      WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000)
      INSERT INTO t (id, name, n) SELECT i, CASE WHEN i % 500 = 0 THEN printf('%.9000c', 'x') ELSE 'name' || i END, i * 1000003 FROM k;`;
    execFileSync('sqlite3', [path, sql]);
    const rows = [...new SqliteFile(readFileSync(path)).rows('t')];
    assert.equal(rows.length, 3000);
    assert.deepEqual(rows[0], [null, 'name1', 1000003]);
    assert.equal(rows[499][1], 'x'.repeat(9000));
    assert.deepEqual(rows[2999], [null, 'x'.repeat(9000), 3000 * 1000003]);
    assert.throws(() => [...new SqliteFile(readFileSync(path)).rows('missing')], /not found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parseExportedArrays reads the array literals without running the file', () => {
  const source = "module.exports.first = [\n  'Ann',\n  \"Bo\",\n];\nmodule.exports.last = ['O\\'Day', 'Ng'];\n";
  assert.deepEqual(parseExportedArrays(source), { first: ['Ann', 'Bo'], last: ["O'Day", 'Ng'] });
});

// ---------------------------------------------------------------------------------------------------
// The committed dictionaries

function loadDictionary(fileName) {
  const bytes = readFileSync(join(HERE, fileName));
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const lines = text.split('\n');
  assert.equal(lines.pop(), '', `${fileName} ends with a newline`);
  const header = lines.filter((line) => line.startsWith('#'));
  const names = lines.filter((line) => !line.startsWith('#'));
  return { bytes: bytes.length, lines, header, names };
}

const DICTIONARIES = ['first_names.txt', 'last_names.txt', 'common_word_names.txt'];

for (const fileName of DICTIONARIES) {
  test(`${fileName}: header, one clean name a line, sorted, no case duplicates, under the size limit`, () => {
    const { bytes, lines, header, names } = loadDictionary(fileName);
    assert.ok(lines[0].startsWith('# '), 'first line is the source comment');
    assert.match(header.join(' '), /Regenerate: node rules\/dictionaries\/regenerate\.mjs/);
    assert.equal(lines.slice(header.length).filter((line) => line.startsWith('#')).length, 0, 'comments only on top');
    assert.ok(bytes < MAX_FILE_BYTES, `${bytes} bytes`);
    for (const name of names) {
      assert.match(name, /^\p{L}[\p{L}\p{M}'-]*\p{L}$/u, `entry ${JSON.stringify(name)}`);
      assert.ok(isUsableName(name), `entry ${JSON.stringify(name)}`);
      assert.equal(name, name.normalize('NFC'), `entry ${JSON.stringify(name)} is NFC`);
    }
    assert.deepEqual(names, [...names].sort(compareNames), 'sorted');
    assert.equal(new Set(names.map((name) => name.toLowerCase())).size, names.length, 'no case-only duplicates');
    assert.match(lines[0], new RegExp(`\\b${names.length} entries`), 'header count matches');
  });
}

test('the name dictionaries hold at least 100,000 names and the expected natural forms', () => {
  const first = loadDictionary('first_names.txt').names;
  const last = loadDictionary('last_names.txt').names;
  assert.ok(first.length + last.length >= 100000, `${first.length} + ${last.length}`);
  for (const name of ['Mary', 'James', 'José', 'María', 'McKenzie', 'Aaliyah']) assert.ok(first.includes(name), name);
  for (const name of ['Smith', 'Garcia', 'McDonald', 'MacArthur', "O'Brien", 'Obrien', 'Núñez', 'Nguyen', 'Ng', 'Machado']) {
    assert.ok(last.includes(name), name);
  }
  for (const absent of ['Baby', 'Unknown', 'Infant', 'Jr', 'Patient', 'Nurse']) {
    assert.ok(!first.includes(absent) && !last.includes(absent), absent);
  }
  const allLower = new Set([...first, ...last].map((name) => name.toLowerCase()));
  for (const word of CONTEXT_WORDS) assert.ok(!allLower.has(word), word);
});

test('common_word_names.txt is a subset of the name lists and holds the everyday-word names', () => {
  const names = new Set([...loadDictionary('first_names.txt').names, ...loadDictionary('last_names.txt').names]);
  const common = loadDictionary('common_word_names.txt').names;
  for (const name of common) assert.ok(names.has(name), name);
  for (const name of ['Will', 'May', 'Rose', 'Hope', 'Bill', 'Mark', 'Grace', 'Brown', 'Long', 'Young', 'Case', 'Page', 'June']) {
    assert.ok(common.includes(name), name);
  }
  for (const name of ['Mary', 'Garcia', 'McDonald', 'José']) assert.ok(!common.includes(name), name);
});

function installedWamerican() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'wamerican'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

test('common_word_names.txt is exactly what the rule derives from the committed name lists', (t) => {
  const { header, names: common } = loadDictionary('common_word_names.txt');
  const version = installedWamerican();
  if (!version || !existsSync(DEFAULT_WORDS_FILE)) return t.skip('wamerican is not installed (apt-get install -y wamerican)');
  if (!header[0].includes(`wamerican ${version}`)) return t.skip(`installed wamerican ${version} differs from the header`);
  const words = lowerCaseWords(readFileSync(DEFAULT_WORDS_FILE, 'utf8'));
  const expected = buildCommonWordNames(loadDictionary('first_names.txt').names, loadDictionary('last_names.txt').names, words);
  assert.deepEqual(common, expected);
});
