"""Time quote matching (quotes.find_verbatim and the near-miss message) as quotes and documents grow.

    .venv/bin/python benchmarks/bench_quotes.py [--regex]

Each size doubles the quote's words and the document's bytes. A found quote is one `str.find` in
the document with its whitespace collapsed (built once per document); a quote with a typo near
its end also gets its near-miss message (the longest prefix found, by halving). The ratios
between sizes show the growth: about 2 per doubling is linear. `--regex` also times the former
method (a regular expression of the words joined by \\s+, and a binary search of compiles) at the
three smallest sizes, for comparison. Also: many short quotes against one document.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scorecard.quotes import Haystack, find_verbatim, near_miss  # noqa: E402

DOCUMENTS = Path(__file__).resolve().parent.parent / "evidence" / "documents"
SIZES = ((500, 100_000), (1000, 200_000), (2000, 400_000), (4000, 800_000), (8000, 1_600_000))


def _document(size: int, rng: random.Random) -> str:
    """`size` characters of the shipped documents, repeated and shuffled by paragraph: as in real
    corpora, a long quote's first words recur many times (the former method's worst case)."""
    paragraphs = [
        p for doc in sorted(DOCUMENTS.glob("*.txt")) for p in doc.read_text(encoding="utf-8").split("\n\n")
    ]
    out, length = [], 0
    while length < size:
        out.append(rng.choice(paragraphs))
        length += len(out[-1]) + 2
    return "\n\n".join(out)


def _best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _regex_way(text: str, quote: str) -> None:
    """The former method, for comparison."""
    words = quote.split()
    if re.compile(r"\s+".join(map(re.escape, words))).search(text) is None:
        lo, hi = 0, len(words)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if re.compile(r"\s+".join(map(re.escape, words[:mid]))).search(text):
                lo = mid
            else:
                hi = mid - 1


def _repetitive(size: int, rng: random.Random) -> str:
    """One short phrase over and over: every position starts a long partial match."""
    return "the Taliban and al-Qaeda " * (size // 25)


def _table(name: str, make, rng: random.Random, regex: bool) -> None:
    print(f"\n{name}")
    print(
        f"{'quote words':>11} {'document':>9} {'found':>9} {'not found':>10} {'ratio':>6}"
        + (f" {'former, not found':>18}" if regex else "")
    )
    previous = None
    for words, size in SIZES:
        text = make(size, rng)
        tokens = text.split()
        first = rng.randrange(len(tokens) - words)
        quote = " ".join(tokens[first : first + words])
        typo = " ".join(
            tokens[first : first + words - 5] + ["typo"] + tokens[first + words - 4 : first + words]
        )
        found = _best(lambda text=text, quote=quote: find_verbatim(Haystack(text), quote))
        assert find_verbatim(text, quote) is not None

        def miss(text: str = text, typo: str = typo) -> None:
            hay = Haystack(text)
            assert find_verbatim(hay, typo) is None
            near_miss(hay, typo)

        missed = _best(miss)
        ratio = f"{missed / previous:6.2f}" if previous else f"{'':>6}"
        line = f"{words:>11} {size / 1e6:>7.1f}MB {found:>8.3f}s {missed:>9.3f}s {ratio}"
        if regex and words <= 2000:
            line += f" {_best(lambda text=text, typo=typo: _regex_way(text, typo), 1):>17.2f}s"
        print(line)
        previous = missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regex", action="store_true", help="also time the former regex method (slow)")
    args = parser.parse_args()
    rng = random.Random(7)
    _table("Shipped paragraphs, repeated and shuffled", _document, rng, args.regex)
    _table("One phrase repeated (the former method's worst case)", _repetitive, rng, args.regex)
    text = _document(400_000, rng)
    tokens = text.split()
    quotes = [" ".join(tokens[i : i + 20]) for i in (rng.randrange(len(tokens) - 20) for _ in range(10_000))]

    def many() -> None:
        hay = Haystack(text)
        for q in quotes:
            find_verbatim(hay, q)

    print(f"\n10,000 quotes of 20 words against one 0.4 MB document: {_best(many):.3f}s")


if __name__ == "__main__":
    main()
