// Confidence levels in ascending order, as the host reports them (PROTOCOL.md).
export const LEVELS = Object.freeze(['low', 'medium', 'high']);

export function levelRank(level) {
  return LEVELS.indexOf(level);
}

export function atOrAbove(level, threshold) {
  const rank = levelRank(level);
  return rank >= 0 && rank >= levelRank(threshold);
}
