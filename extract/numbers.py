"""Numbers as Vietnamese documents write them: `.` groups thousands, `,` marks decimals.

`81.657` is eighty-one thousand six hundred and fifty-seven, `93,1` is 93.1, `09` is nine (a
leading zero is a count written the official way, not an octal or a code). A dot followed by one
or two digits can only be a decimal point typed the English way (`0.70`, `99.8%`), so it is read
as one; a dot followed by exactly three digits always groups thousands.
"""

from __future__ import annotations

from itertools import pairwise

import regex

# One number, as written. The alternatives are tried in order: grouped thousands (with an
# optional decimal part), a comma decimal, an English decimal point (1-2 digits only), digits.
NUMBER = (r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]\d)"
          r"|\d+,\d+"
          r"|\d+\.\d{1,2}(?![\d]|\.\d)"
          r"|\d+)")
# A whole number standing on its own: not the tail of another number, a date or a code.
NUMBER_RE = regex.compile(rf"(?<![\d.,/\p{{L}}]){NUMBER}(?![\d\p{{L}}]|[.,]\d)")

_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA = regex.compile(r"\d+,\d+")
_POINT = regex.compile(r"\d+\.\d{1,2}")

SCALE = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}


def parse(raw: str) -> int | float | None:
    """The value of one number as written (`81.657` -> 81657, `93,1` -> 93.1, `09` -> 9).

    None when `raw` is not a single number in one of the accepted forms. Whole numbers come back
    as int, so that counts stay exact.
    """
    s = raw.strip().replace(" ", "")
    if not s or not s[0].isdigit():
        return None
    if _GROUPED.fullmatch(s):
        whole, _, frac = s.partition(",")
        digits = whole.replace(".", "")
        return float(f"{digits}.{frac}") if frac else int(digits)
    if _COMMA.fullmatch(s):
        return float(s.replace(",", "."))
    if _POINT.fullmatch(s):
        return float(s)
    if s.isdigit():
        return int(s)
    return None


def decimals(raw: str) -> int:
    """How many decimal places `raw` was written with (`29,63` -> 2, `80` -> 0)."""
    s = raw.strip()
    if "," in s:
        return len(s.rsplit(",", 1)[1])
    if _POINT.fullmatch(s):
        return len(s.rsplit(".", 1)[1])
    return 0


def leading_zero(raw: str) -> bool:
    """`09`, `01`: the official way of writing a count below ten."""
    s = raw.strip()
    return len(s) > 1 and s[0] == "0" and s[1].isdigit()


def format_vn(value: float | int, places: int = 0) -> str:
    """A number written the Vietnamese way, for messages: 28778 -> `28.778`, 31.58 -> `31,58`."""
    whole, _, frac = f"{abs(value):,.{places}f}".partition(".")
    out = whole.replace(",", ".") + ("," + frac if frac else "")
    return ("-" if value < 0 else "") + out


_CHAIN_PART = regex.compile(r"(?P<scale>\p{L}+)[ \t]+(?P<num>[\d.,]+)")


def chained(chain: str, first: float, last_scale: int, scales: dict[str, int]) -> float | None:
    """An amount written in parts, largest first ("1 tỷ 200 triệu đồng" is 1 200 000 000): `first`,
    then each "<scale> <number>" of `chain`, each number times the scale after it (`last_scale` for
    the last); None when the scales do not fall, as no amount is written so."""
    parts = [(scales.get(p["scale"].casefold()), parse(p["num"])) for p in _CHAIN_PART.finditer(chain)]
    order = [s for s, _ in parts] + [last_scale]
    if any(s is None or n is None for s, n in parts) or any(a <= b for a, b in pairwise(order)):
        return None
    return sum(v * s for v, s in zip([first] + [n for _, n in parts], order, strict=True))
