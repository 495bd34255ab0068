"""French typography at render time (pure): one function for plain text, one for HTML.

``french(text)`` applies the rules of the Imprimerie nationale the platform needs on screens:

- a narrow no-break space (U+202F) before ``;`` ``!`` ``?`` and inside « »;
- a no-break space (U+00A0) before ``:`` and between a number and its unit, ``%`` or currency;
- thousands grouped with U+202F (« 12 000 » → « 12 000 » that never breaks; « 12000 € »
  is grouped too when a currency follows; bare numbers such as years or postcodes are not);
- the typographic apostrophe ’ between two letters.

It leaves alone code spans (`` `…` ``), URLs, e-mail addresses, spreadsheet formulas
(``=B2/C2``), times (09:30) and ratios (3:1), and it is idempotent. ``french_html`` applies it
to the text nodes of an HTML fragment only: never inside tags, attributes, ``script``,
``style``, ``textarea``, ``pre`` or ``code``.
"""

import html
import re

NNBSP = "\u202f"
NBSP = "\u00a0"
_SPACE = " \u00a0\u202f"

_PROTECTED = re.compile(
    r"`[^`]*`"  # code span
    r"|(?:https?://|www\.)[^\s<>«»]+"  # URL
    r"|mailto:[^\s<>]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail address
    r"|(?<![\w=])=[^\s]+"  # formula
)
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
_OPEN_QUOTE = re.compile(rf"«[{_SPACE}]*")
_CLOSE_QUOTE = re.compile(rf"[{_SPACE}]*»")
_SPACED_HIGH = re.compile(rf"[{_SPACE}]+(?=[;!?])")
_GLUED_HIGH = re.compile(r"(?<=[^\W_»)\]%€])(?=[;!?]+(?:\s|$|[»\"’)\]]))")
_SPACED_COLON = re.compile(rf"[ {NNBSP}]+(?=:)")
_GLUED_COLON = re.compile(r"(?<=[^\W_»)\]%€])(?=:(?:\s|$))")
_GROUPED = re.compile(rf"(?<![\w,.])\d{{1,3}}(?:[{_SPACE}]\d{{3}})+(?![\d])")
_UNGROUPED_MONEY = re.compile(r"(?<![\w,.])\d{5,}(?=(?:,\d+)?[ \u00a0\u202f]?(?:€|k€|M€|\$|£))")
_CURRENCY = re.compile(r"(?<=\d) ?(?=(?:%|‰|€|k€|M€|Md€|\$|£)(?!\w))")
_UNIT = re.compile(
    r"(?<=\d) (?=(?:h|min|km|km/h|m|m²|m³|cm|mm|kg|L|ml|Mo|Go|To|ko|pts?|points|°C?|ans|mois|"
    r"jours?|semaines?|heures?|minutes?|salariés|clients|leads|unités|euros)(?![\w²³]))"
)
_SKIPPED_ELEMENTS = ("script", "style", "textarea", "pre", "code")
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<[^>]*>", re.DOTALL)


def _group(match: re.Match) -> str:
    digits = re.sub(rf"[{_SPACE}]", "", match.group())
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return NNBSP.join(groups)


def _plain(text: str) -> str:
    text = _APOSTROPHE.sub("’", text)
    text = _OPEN_QUOTE.sub("«" + NNBSP, text)
    text = _CLOSE_QUOTE.sub(NNBSP + "»", text)
    text = _SPACED_HIGH.sub(NNBSP, text)
    text = _GLUED_HIGH.sub(NNBSP, text)
    text = _SPACED_COLON.sub(NBSP, text)
    text = _GLUED_COLON.sub(NBSP, text)
    text = _GROUPED.sub(_group, text)
    text = _UNGROUPED_MONEY.sub(_group, text)
    text = _CURRENCY.sub(NBSP, text)
    return _UNIT.sub(NBSP, text)


def french(text: str) -> str:
    """Return ``text`` with French typography applied (see the module docstring)."""
    if not text:
        return text
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_plain(text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_plain(text[last:]))
    return "".join(out)


def french_number(value: float, decimals: int = 2) -> str:
    """Return a number the French way: decimal comma, no trailing zeros, U+202F thousands.

    ``french_number(1234.5)`` is « 1 234,5 », ``french_number(14.0)`` « 14 ».
    """
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", NNBSP).replace(".", ",")
    return "0" if text == "-0" else text


def french_html(fragment: str) -> str:
    """Return an HTML fragment with ``french`` applied to its text nodes only."""
    out, last, skipping = [], 0, None
    for match in _TAG.finditer(fragment):
        out.append(_text_node(fragment[last : match.start()], skipping))
        out.append(match.group())
        closing, name = match.group(1), (match.group(2) or "").lower()
        if skipping is None and not closing and name in _SKIPPED_ELEMENTS:
            skipping = name
        elif skipping == name and closing:
            skipping = None
        last = match.end()
    out.append(_text_node(fragment[last:], skipping))
    return "".join(out)


def _text_node(text: str, skipping: str | None) -> str:
    if skipping or not text.strip():
        return text
    plain = html.unescape(text)
    done = french(plain)
    return text if done == plain else html.escape(done, quote=False)
