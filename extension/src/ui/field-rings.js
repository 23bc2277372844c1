// Form fields (title, summary, textarea) cannot hold highlights: their flagged state is a
// ring drawn over them from PHI Sentry's own UI layer.
import { uiRoot, el } from './ui-root.js';

const rings = new WeakMap(); // doc -> [ring elements]

// fields: [{element, level}] where level is 'high', 'medium' or null.
export function drawFieldRings(doc, fields) {
  for (const ring of rings.get(doc) ?? []) ring.remove();
  const flagged = fields.filter((field) => field.level && field.element.isConnected);
  if (!flagged.length) return rings.set(doc, []);
  const { shadow } = uiRoot(doc);
  const drawn = flagged.map(({ element, level }) => {
    const rect = element.getBoundingClientRect();
    const ring = el(doc, 'div', { class: `field-ring ${level}`, 'aria-hidden': 'true' });
    Object.assign(ring.style, {
      left: `${rect.left - 3}px`, top: `${rect.top - 3}px`, width: `${rect.width + 6}px`, height: `${rect.height + 6}px`,
    });
    shadow.append(ring);
    return ring;
  });
  return rings.set(doc, drawn);
}
