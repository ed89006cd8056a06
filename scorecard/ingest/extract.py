"""A file → its text and what the document says about itself (title, publisher, date).

Plain text is used as it is (it must be UTF-8). HTML gives the article's main text without
navigation, ads and "related" links (trafilatura). PDF gives its text layer (pypdf), with words
hyphenated at line ends joined again and each page break marked by a form feed (`\\f`, as
pdftotext does). Quotes and offsets refer to the extracted text; the original file is kept too.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorecard.ingest.furniture import ligatures, strip_pages, strip_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MIN_MAIN_TEXT = 80  # characters: less than this is not an article's main text


class IngestError(Exception):
    """A document that cannot be ingested; the message says why and what to do."""


@dataclass
class Extracted:
    """One document read: its original bytes, its text, and the metadata it carries."""

    path: Path
    raw: bytes
    media_type: str  # text/plain, text/html, application/pdf
    text: str
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # YYYY-MM-DD when the document states it
    url: str | None = None
    retrieved: str | None = None  # when it was fetched from `url` (UTC, ISO 8601)
    pages: int = 0

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def suffix(self) -> str:
        return {"text/html": ".html", "application/pdf": ".pdf"}.get(self.media_type, ".txt")


def media_type(path: Path, raw: bytes) -> str:
    """What the file is, by its first bytes and then its name."""
    head = raw[:1024].lstrip().lower()
    if raw.startswith(b"%PDF-"):
        return "application/pdf"
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if path.suffix.lower() == ".pdf":
        return "application/pdf"
    return "text/plain"


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, on_page=None) -> Extracted:
    """Read and extract one document; IngestError with a message a person can act on otherwise."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not path.is_file():
        raise IngestError(f"{path} is not a regular file")
    if size > max_bytes:
        raise IngestError(
            f"{path} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
            "(raise it with --max-size MB)"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from None
    return extract(path, raw, media_type(path, raw), on_page)


def extract(path: Path, raw: bytes, kind: str, on_page=None) -> Extracted:
    """A document's text and metadata from its bytes, read as `kind` (a media type)."""
    if not raw.strip():
        raise IngestError(f"{path} is empty: there is nothing to ingest")
    if kind == "application/pdf":
        doc = _read_pdf(path, raw, on_page)
    else:
        doc = _read_html(path, raw) if kind == "text/html" else _read_text(path, raw)
    doc.text = clean_text(doc.text)
    if not doc.text.strip():
        raise IngestError(f"{path} has no text")
    return doc


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b\ufeff]")


def clean_text(text: str) -> str:
    """Line ends as `\\n`, NFC, no control characters but newline, tab and the page-break form feed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Why the checks first: each step copies the whole text, and most texts need neither.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def _read_text(path: Path, raw: bytes) -> Extracted:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            f"{path}: byte 0x{raw[exc.start]:02X} at line {line} is not UTF-8; save the file as "
            "UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        ) from None
    first = headline(text[:10_000])
    return Extracted(path, raw, "text/plain", text, title=first[:200] or None, date=_date_in(text[:2000]))


def _read_html(path: Path, raw: bytes) -> Extracted:
    import trafilatura

    text = trafilatura.extract(
        raw,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        with_metadata=False,
    )
    if not text or len(text.strip()) < MIN_MAIN_TEXT:
        raise IngestError(
            f"{path}: no main text found in the HTML (only navigation, links or boilerplate); "
            "save the article's own page, or its text as .txt"
        )
    meta = trafilatura.extract_metadata(raw)
    doc = Extracted(path, raw, "text/html", strip_text(text))
    if meta is not None:
        doc.title = meta.title or None
        doc.publisher = meta.sitename or meta.hostname or None
        doc.authors = [a.strip() for a in re.split(r";|\band\b", meta.author or "") if a.strip()]
        doc.date = meta.date if meta.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.date) else None
        doc.url = meta.url or None
    doc.date = doc.date or _date_in(text[:2000])
    return doc


_HYPHEN = re.compile(r"(?<=[^\W\d_])(?:[\u00ad\u2010]\n(?=\w)|-\n(?=[^\W\d_]))")


def _dehyphenate(text: str) -> str:
    """Join words split at line ends: a typesetter's hyphen (U+2010, soft hyphen) or `-` before a
    lower-case letter goes; `-` before a capital stays (`al-` + `Qaeda`), only the line break goes."""
    return _HYPHEN.sub(
        lambda m: "-" if m.group().startswith("-") and m.string[m.end()].isupper() else "", text
    )


def _read_pdf(path: Path, raw: bytes, on_page=None) -> Extracted:
    import logging
    import warnings

    # pypdf reports what it repairs through logging and warnings: not the user's business on success.
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader, pages = _pdf_pages(path, raw, on_page)
    if not any(p.strip() for p in pages):
        raise IngestError(
            f"{path} has no text layer (a scanned PDF?): run OCR on it first "
            "(e.g. ocrmypdf) and ingest the result"
        )
    stated = _date_in(
        "\n".join(pages)[:600]
    )  # a dateline, before the furniture goes: "Published 14 June 2023"
    pages = strip_pages([ligatures(p) for p in pages])
    doc = Extracted(path, raw, "application/pdf", "\n\f\n".join(pages) + "\n", pages=len(pages))
    info: Any = reader.metadata or {}
    doc.title = _meta(info, "/Title") or headline(pages[0]) or None
    authors = _meta(info, "/Author")
    doc.authors = [authors] if authors else []
    created = _meta(info, "/CreationDate")
    stamp = re.match(r"D:(\d{4})(\d{2})(\d{2})", created or "")
    doc.date = stated or ("-".join(stamp.groups()) if stamp else None)
    return doc


def _pdf_pages(path: Path, raw: bytes, on_page) -> tuple[Any, list[str]]:
    """The reader and each page's text; IngestError for an encrypted, damaged or hostile PDF."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{path} is an encrypted PDF; save an unencrypted copy")
        count = len(reader.pages)
        pages = []
        for i, page in enumerate(reader.pages):
            pages.append(_dehyphenate((page.extract_text() or "").strip()))
            if on_page:
                on_page(i + 1, count)
    except (DependencyError, FileNotDecryptedError):
        raise IngestError(f"{path} is an encrypted PDF; save an unencrypted copy") from None
    except LimitReachedError as exc:
        raise IngestError(
            f"{path}: a stream in this PDF expands past pypdf's safety limit ({exc}); "
            "it may be a compression bomb: not read"
        ) from None
    except IngestError:
        raise
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - a damaged PDF is bad input
        raise IngestError(f"{path} is not a readable PDF ({type(exc).__name__}: {exc})") from None
    return reader, pages


def _meta(info, key: str) -> str | None:
    try:
        value = info.get(key)
    except Exception:  # noqa: BLE001 - a damaged info dictionary only loses the metadata
        return None
    return str(value).strip() or None if value else None


def _date_in(text: str) -> str | None:
    """The first full date the text states (`12 September 2020`, `September 12, 2020`, `2020-09-12`)."""
    from scorecard.ingest.passages import find_dates

    days = [d for d in find_dates(text) if len(d) == 10]
    return days[0] if days else None


_RESIDUE = re.compile(r"^(!--|<|\{|\[|//|loading\b)", re.I)


def headline(text: str, lines: int = 15) -> str:
    """The first line of the text's first `lines` that reads as a headline, else its first line.

    Why: a page saved as text often starts with furniture: a section ("1. Politics"), a masthead
    and date ("The Washington Times - Wednesday, July 15, 2020"), markup residue ("!-- Google tag
    (gtag.js) -->"). A headline has four words or more, and is no date line nor residue.
    """
    kept = [ln.strip() for ln in text.splitlines() if ln.strip()][:lines]
    for ln in kept:
        words = ln.split()
        if len(words) < 4 or ln[0] in "-–—•*|" or _RESIDUE.match(ln):
            continue
        if _date_in(ln) and len(words) <= 10:
            continue  # "May 30, 2022, 10:30 PM", "Published on 14 June 2023 by …"
        return ln
    return kept[0] if kept else ""
