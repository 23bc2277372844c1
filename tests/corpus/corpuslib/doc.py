"""Text pieces that carry gold PHI spans, and a document that assembles them.

A value handed to a document is a plain ``str`` (not PHI), a ``Phi`` (a gold span),
or a list/tuple of such values. Gold offsets are computed from the pieces, so a
template never counts characters by hand.
"""

from dataclasses import dataclass
import string

HIPAA_LETTER = {
    "name": "A", "geography": "B", "date": "C", "age": "C", "phone": "D", "fax": "E",
    "email": "F", "ssn": "G", "mrn": "H", "health_plan": "I", "account": "J",
    "license": "K", "provider_id": "K", "vehicle": "L", "device": "M", "url": "N",
    "ip": "O", "other": "R",
}
CATEGORIES = tuple(HIPAA_LETTER)


@dataclass(frozen=True)
class Phi:
    """A gold span: text that identifies a patient (or, for provider_id, a provider)."""
    text: str
    category: str

    def __post_init__(self):
        if self.category not in HIPAA_LETTER:
            raise ValueError(f"unknown category {self.category!r}")
        if not self.text or self.text != self.text.strip():
            raise ValueError("gold text must be non-empty and trimmed")


def leaves(value):
    """Yield (text, category-or-None) for every leaf of a value."""
    if value is None:
        return
    if isinstance(value, Phi):
        yield value.text, value.category
    elif isinstance(value, str):
        if value:
            yield value, None
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from leaves(item)
    else:
        yield str(value), None


def plain(value) -> str:
    return "".join(text for text, _ in leaves(value))


def recase(value, how: str):
    """Apply str.upper/lower/title to every leaf, keeping gold marks."""
    if how == "keep":
        return value
    fn = getattr(str, how)
    out = []
    for text, cat in leaves(value):
        out.append(Phi(fn(text), cat) if cat else fn(text))
    return out


def fill(template: str, **slots) -> list:
    """str.format-like filling that keeps gold marks: fill("Pt {n}", n=Phi(...))."""
    out = []
    for literal, field, spec, conv in string.Formatter().parse(template):
        if literal:
            out.append(literal)
        if field is not None:
            out.append(slots[field])
    return out


def utf16_prefix(text: str) -> list:
    """UTF-16 offset of every str index 0..len(text)."""
    offsets = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        offsets[i + 1] = offsets[i] + (2 if ord(ch) > 0xFFFF else 1)
    return offsets


class Doc:
    """Accumulates text and gold spans."""

    def __init__(self):
        self._pieces = []  # (text, category-or-None)

    def add(self, *values):
        for value in values:
            self._pieces.extend(leaves(value))
        return self

    def line(self, *values):
        return self.add(*values, "\n")

    def fline(self, template: str, **slots):
        return self.line(fill(template, **slots))

    def blank(self):
        """Ensure the text ends with an empty line (paragraph break)."""
        text = self.text()
        if text and not text.endswith("\n\n"):
            self.add("\n" if text.endswith("\n") else "\n\n")
        return self

    def text(self) -> str:
        return "".join(t for t, _ in self._pieces)

    def finish(self):
        """Return (text, gold) with gold offsets in UTF-16 code units."""
        text, spans, pos = [], [], 0
        for piece, cat in self._pieces:
            if cat:
                spans.append((pos, pos + len(piece), cat))
            text.append(piece)
            pos += len(piece)
        full = "".join(text).rstrip("\n") + "\n"
        u16 = utf16_prefix(full)
        gold = [{"start": u16[s], "end": u16[e], "category": c, "hipaa": HIPAA_LETTER[c]}
                for s, e, c in spans]
        return full, gold
