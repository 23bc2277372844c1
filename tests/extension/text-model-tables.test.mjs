import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentFrom } from './dom.mjs';
import { BlockTextModel } from '../../extension/src/content/text-model.js';

// The host reads a tab-separated row under its header (rules/README.md, "Tables"): the editor's
// table must reach it as one line per row, cells split by tabs, empty cells keeping their column.
test('a table becomes one line per row with cells split by tabs', () => {
  const doc = documentFrom(
    '<div id="e"><p>Callbacks</p><table><tbody>' +
      '<tr><th><p>Patient</p></th><th><p>MRN</p></th><th><p>Phone</p></th></tr>' +
      '<tr><td><p>(withheld)</p></td><td><p></p></td><td><p>541 555 0101</p></td></tr>' +
      '<tr><td></td><td>44001007</td><td><p>541 555 0102</p></td></tr>' +
      '</tbody></table><p>Done.</p></div>',
  );
  const model = new BlockTextModel(doc.getElementById('e'));
  assert.equal(
    model.build().text,
    'Callbacks\nPatient\tMRN\tPhone\n(withheld)\t\t541 555 0101\n\t44001007\t541 555 0102\nDone.',
  );
});

test('offsets still map back into the cells after the tab separators', () => {
  const doc = documentFrom('<div id="e"><table><tr><td>Name</td><td>MRN</td></tr><tr><td>x</td><td>4401</td></tr></table></div>');
  const snapshot = new BlockTextModel(doc.getElementById('e')).build();
  const start = snapshot.text.indexOf('4401');
  const range = snapshot.toDomRange(start, start + 4);
  assert.equal(range.startNode.data, '4401');
  assert.equal(range.startOffset, 0);
  assert.equal(range.endOffset, 4);
});
