import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentFrom } from './dom.mjs';
import { BlockTextModel, extractBlock, FieldTextModel } from '../../extension/src/content/text-model.js';

// The text a DOM range built from toDomRange would cover (ranges within or across text nodes).
function coveredText(root, span) {
  const texts = [];
  const walker = [];
  const collect = (node) => {
    if (node.nodeType === 3) walker.push(node);
    for (let child = node.firstChild; child; child = child.nextSibling) collect(child);
  };
  collect(root);
  const from = walker.indexOf(span.startNode);
  const to = walker.indexOf(span.endNode);
  for (let i = from; i <= to; i += 1) {
    const data = walker[i].data;
    const start = i === from ? span.startOffset : 0;
    const end = i === to ? span.endOffset : data.length;
    texts.push(data.slice(start, end));
  }
  return texts.join('');
}

test('blocks are joined with one newline; inline marks do not split words', () => {
  const doc = documentFrom('<div id="e"><p>Patient <strong>DOB</strong>: 03/14/1961</p><p>SSN 512-44-6789</p></div>');
  const model = new BlockTextModel(doc.getElementById('e'));
  assert.equal(model.build().text, 'Patient DOB: 03/14/1961\nSSN 512-44-6789');
});

test('nested blocks, lists and <br> become line breaks; table cells are split by tabs', () => {
  const doc = documentFrom(
    '<div id="e"><ul><li><p>one</p></li><li><p>two</p></li></ul><table><tr><td>DOB</td><td>03/14/1961</td></tr></table><p>a<br>b</p></div>',
  );
  assert.equal(new BlockTextModel(doc.getElementById('e')).build().text, 'one\ntwo\nDOB\t03/14/1961\na\nb');
});

test('editor furniture is skipped: TinyMCE bogus nodes, ProseMirror trailing breaks, scripts, hidden', () => {
  const doc = documentFrom(
    '<div id="e"><p>x<br data-mce-bogus="1"></p><p>y<br class="ProseMirror-trailingBreak"></p><p hidden>secret</p><script>var a=1</script><p>z</p></div>',
  );
  assert.equal(new BlockTextModel(doc.getElementById('e')).build().text, 'x\ny\nz');
});

test('every offset span maps back to exactly the same text in the DOM', () => {
  const doc = documentFrom(
    '<div id="e"><p>Pt <em>Jane</em> Roe, DOB 03/<b>14</b>/1961</p><p>SSN 512-44-6789.</p><ul><li>phone (503) 555-0142</li></ul></div>',
  );
  const root = doc.getElementById('e');
  const snapshot = new BlockTextModel(root).build();
  const { text } = snapshot;
  for (const needle of ['Jane', 'Pt Jane Roe', '03/14/1961', '512-44-6789', '(503) 555-0142', 'DOB 03/14']) {
    const start = text.indexOf(needle);
    const span = snapshot.toDomRange(start, start + needle.length);
    assert.equal(coveredText(root, span), needle, needle);
  }
});

test('a span that starts or ends on a synthetic newline snaps into the neighbouring text', () => {
  const doc = documentFrom('<div id="e"><p>alpha</p><p>beta</p></div>');
  const root = doc.getElementById('e');
  const snapshot = new BlockTextModel(root).build();
  assert.equal(snapshot.text, 'alpha\nbeta');
  assert.equal(coveredText(root, snapshot.toDomRange(5, 10)), 'beta'); // "\nbeta"
  assert.equal(coveredText(root, snapshot.toDomRange(0, 6)), 'alpha'); // "alpha\n"
  // Across blocks: the range covers "ha" in one text node and "be" in the next.
  assert.equal(coveredText(root, snapshot.toDomRange(3, 8)), 'habe');
});

test('UTF-16 offsets: an emoji counts two, as in the host protocol', () => {
  const doc = documentFrom('<div id="e"><p>😀 SSN 512-44-6789</p></div>');
  const root = doc.getElementById('e');
  const snapshot = new BlockTextModel(root).build();
  const span = snapshot.toDomRange(7, 18);
  assert.equal(coveredText(root, span), '512-44-6789');
});

test('only the changed block is re-walked; the others come from the cache', () => {
  const doc = documentFrom('<div id="e"><p id="a">first</p><p id="b">second</p><p id="c">third</p></div>');
  const root = doc.getElementById('e');
  const model = new BlockTextModel(root);
  model.build();
  const cachedA = model.cache.get(doc.getElementById('a'));
  const cachedC = model.cache.get(doc.getElementById('c'));
  const textNode = doc.getElementById('b').firstChild;
  textNode.data = 'SSN 512-44-6789';
  model.invalidate(textNode); // what a characterData record's target would be
  assert.equal(model.build().text, 'first\nSSN 512-44-6789\nthird');
  assert.equal(model.cache.get(doc.getElementById('a')), cachedA, 'block a reused');
  assert.equal(model.cache.get(doc.getElementById('c')), cachedC, 'block c reused');
});

test('blocks added or removed at the root are picked up', () => {
  const doc = documentFrom('<div id="e"><p>one</p></div>');
  const root = doc.getElementById('e');
  const model = new BlockTextModel(root);
  assert.equal(model.build().text, 'one');
  const p = doc.createElement('p');
  p.textContent = 'two';
  root.append(p);
  model.invalidate(root);
  assert.equal(model.build().text, 'one\ntwo');
  root.firstChild.remove();
  model.invalidate(root);
  assert.equal(model.build().text, 'two');
});

test('a plain contenteditable with loose inline text is read as one unit', () => {
  const doc = documentFrom('<div id="e">SSN <b>512</b>-44-6789 here</div>');
  const root = doc.getElementById('e');
  const model = new BlockTextModel(root);
  assert.equal(model.build().text, 'SSN 512-44-6789 here');
  root.lastChild.data = '-44-6789 now';
  model.invalidate(root.lastChild);
  assert.equal(model.build().text, 'SSN 512-44-6789 now');
});

test('extractBlock reports segments in order with their offsets', () => {
  const doc = documentFrom('<p id="p">ab<i>cd</i>ef</p>');
  const { text, segments } = extractBlock(doc.getElementById('p'));
  assert.equal(text, 'abcdef');
  assert.deepEqual(segments.map((segment) => [segment.start, segment.end]), [[0, 2], [2, 4], [4, 6]]);
});

test('a form field model reads the live value and has no DOM points', () => {
  const field = { value: 'SSN 512-44-6789' };
  const snapshot = new FieldTextModel(field).build();
  assert.equal(snapshot.text, 'SSN 512-44-6789');
  assert.equal(snapshot.toDomRange(4, 15), null);
  field.value = 'changed';
  assert.equal(new FieldTextModel(field).build().text, 'changed');
});

test('slices come from the blocks without joining the whole text, and equal the joined text\'s', () => {
  const doc = documentFrom('<div id="e"><p>alpha</p><p></p><p>beta <b>bold</b></p><ul><li>one</li><li>two</li></ul></div>');
  const joined = new BlockTextModel(doc.getElementById('e')).build().text;
  assert.equal(joined, 'alpha\nbeta bold\none\ntwo');
  for (let start = 0; start <= joined.length; start += 1) {
    for (let end = start; end <= joined.length + 2; end += 1) {
      const fresh = new BlockTextModel(doc.getElementById('e')).build(); // not joined yet
      assert.equal(fresh.slice(start, end), joined.slice(start, end), `${start}..${end}`);
    }
  }
  const snapshot = new BlockTextModel(doc.getElementById('e')).build();
  assert.equal(snapshot.length, joined.length);
  assert.equal(snapshot.hasText(), true);
  assert.equal(new BlockTextModel(documentFrom('<div id="e"><p> </p></div>').getElementById('e')).build().hasText(), false);
});

test('the block list is kept between keystrokes and re-read when the root\'s children change', () => {
  const doc = documentFrom('<div id="e"><p id="a">alpha</p><p id="b">beta</p></div>');
  const root = doc.getElementById('e');
  const model = new BlockTextModel(root);
  const first = model.build();
  const text = doc.getElementById('b').firstChild;
  text.data = 'beta gamma';
  model.invalidate(text);
  const second = model.build();
  assert.equal(second.text, 'alpha\nbeta gamma');
  assert.equal(second.blocks[0], first.blocks[0], 'the unchanged block is reused');

  const added = doc.createElement('p');
  added.textContent = 'delta';
  root.append(added);
  model.invalidate(root); // a childList record's target
  assert.equal(model.build().text, 'alpha\nbeta gamma\ndelta');

  const loose = doc.createTextNode('');
  root.append(loose);
  model.invalidate(root);
  model.build();
  loose.data = 'loose words'; // text straight under the root: the whole root is one unit now
  model.invalidate(loose);
  assert.equal(model.build().text, 'alpha\nbeta gamma\ndelta\nloose words');
});
