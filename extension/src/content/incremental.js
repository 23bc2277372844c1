// Rescanning only what changed. Large pages would otherwise send their whole text to the host
// after every typing pause (about 0.4 s per MiB through extension messaging alone). Unchanged
// blocks keep their identity in the text model's cache, so the changed region is found by
// comparing block identities from both ends; the host scans that region plus a margin, and the
// previous findings outside it are kept (shifted past the change).

// Context clauses look at most this many bytes around a match (bytes >= UTF-16 units here).
export const CONTEXT_GUARD = 512;
export const INCREMENTAL_MIN_CHARS = 16 * 1024;

// previous/current: TextSnapshot-like {length, blocks, starts}. Returns null (scan everything),
// {unchanged: true}, or the window to scan: {start, end, coreStart, coreEnd, oldCoreEnd, delta}.
export function planWindow(previous, current, guard = CONTEXT_GUARD) {
  if (!previous?.blocks || !current?.blocks || current.length < INCREMENTAL_MIN_CHARS) return null;
  const oldBlocks = previous.blocks;
  const newBlocks = current.blocks;
  const shorter = Math.min(oldBlocks.length, newBlocks.length);
  let prefix = 0;
  while (prefix < shorter && oldBlocks[prefix] === newBlocks[prefix]) prefix += 1;
  if (prefix === oldBlocks.length && prefix === newBlocks.length) return { unchanged: true };
  let suffix = 0;
  while (suffix < shorter - prefix && oldBlocks.at(-1 - suffix) === newBlocks.at(-1 - suffix)) suffix += 1;

  const changeStart = blockStart(current, prefix);
  const changeEnd = blockStart(current, newBlocks.length - suffix);
  const oldChangeEnd = blockStart(previous, oldBlocks.length - suffix);
  const start = snapToBlockStart(current, changeStart - 2 * guard);
  const end = snapToBlockEnd(current, changeEnd + 2 * guard);
  return {
    start,
    end,
    coreStart: changeStart - guard,
    coreEnd: changeEnd + guard,
    oldCoreEnd: oldChangeEnd + guard,
    delta: current.length - previous.length,
  };
}

// The scan of the whole current text from the previous one and the window's: findings within the
// core come from the window, the previous ones outside it are kept (shifted past the change).
// previous/windowScan: {findings, incomplete}; windowScan's findings are relative to the window's
// start. Still incomplete when either was: an unfinished scan left text unchecked that the window
// does not cover, or the window itself was not finished.
export function mergeFindings(previous, windowScan, plan) {
  const fresh = windowScan.findings
    .map((finding) => ({ ...finding, start: finding.start + plan.start, end: finding.end + plan.start }))
    .filter((finding) => finding.end > plan.coreStart && finding.start < plan.coreEnd);
  const overlapsFresh = (finding) => fresh.some((other) => other.start < finding.end && finding.start < other.end);
  const before = previous.findings.filter((finding) => finding.end <= plan.coreStart);
  const after = previous.findings
    .filter((finding) => finding.start >= plan.oldCoreEnd)
    .map((finding) => ({ ...finding, start: finding.start + plan.delta, end: finding.end + plan.delta }));
  return {
    findings: [...before.filter((f) => !overlapsFresh(f)), ...fresh, ...after.filter((f) => !overlapsFresh(f))],
    incomplete: Boolean(previous.incomplete || windowScan.incomplete),
  };
}

// The offset where block `index` starts (the text's end past the last block).
function blockStart(snapshot, index) {
  return index < snapshot.starts.length ? snapshot.starts[index] : snapshot.length;
}

function snapToBlockStart(snapshot, offset) {
  if (offset <= 0) return 0;
  let chosen = 0;
  for (let low = 0, high = snapshot.starts.length - 1; low <= high;) {
    const mid = (low + high) >> 1;
    if (snapshot.starts[mid] <= offset) {
      chosen = snapshot.starts[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return chosen;
}

function snapToBlockEnd(snapshot, offset) {
  if (offset >= snapshot.length) return snapshot.length;
  for (let low = 0, high = snapshot.starts.length - 1, chosen = snapshot.length; ; ) {
    if (low > high) return chosen;
    const mid = (low + high) >> 1;
    const end = snapshot.starts[mid] + snapshot.blocks[mid].text.length;
    if (end >= offset) {
      chosen = end;
      high = mid - 1;
    } else low = mid + 1;
  }
}
