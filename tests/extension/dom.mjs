// A DOM for node tests (linkedom), and the extension's source folder.
import { parseHTML } from 'linkedom';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION = resolve(dirname(fileURLToPath(import.meta.url)), '../../extension');
export const src = (path) => join(EXTENSION, 'src', path);

export function documentFrom(html) {
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document;
}
