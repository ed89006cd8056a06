"""The scorecard as PDF: the HTML document of html.py, typeset by WeasyPrint.

WeasyPrint is imported by this module only, and the CLI imports this module only inside
`scorecard report`: no other command pays its start-up cost (about half a second) or needs Pango.
"""

from __future__ import annotations

import gc
import mimetypes
import os
from contextlib import contextmanager
from datetime import UTC, datetime, time
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from scorecard.cache import Cache
from scorecard.render.epoch import source_date_epoch
from scorecard.render.html import TEMPLATES, context, environment, render_html
from scorecard.results import Report


class TemplateFetcher(URLFetcher):
    """Fetches `data:` URIs and files inside the templates folder; refuses everything else.

    Why: quotes and titles come from outside documents. Autoescaping keeps them inert text; this
    is the second wall, so that even a reference that slipped through could neither read a local
    file (file:///etc/passwd) nor reach the network. Every request is recorded for inspection.
    """

    def __init__(self, root: Path = TEMPLATES):
        super().__init__(timeout=2, allowed_protocols=("data",), allow_redirects=False)
        self.root = root.resolve()
        self.requests: list[str] = []
        self.refused: list[str] = []

    def local_file(self, url: str) -> Path | None:
        """The file a `file:` URL names, if it is inside the templates folder (symlinks resolved)."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None

    def fetch(self, url, headers=None):
        self.requests.append(url)
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        path = self.local_file(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused {url!r}: the report may load only data: URIs and its own templates")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})


def _stamp(report: Report) -> str:
    """The PDF's creation date: SOURCE_DATE_EPOCH when set, else the assessment date (never the clock).

    A malformed SOURCE_DATE_EPOCH raises EpochError (the CLI checks it first and exits 2).
    """
    epoch = source_date_epoch()
    when = (
        datetime.fromtimestamp(epoch, UTC)
        if epoch is not None
        else datetime.combine(report.as_of, time(), UTC)
    )
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _font_epoch(stamp: str):
    """Pin the timestamp fontTools writes into each embedded font subset.

    Why: without HarfBuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps every font
    with the current time unless SOURCE_DATE_EPOCH is set; the PDF would then change every second.
    A set SOURCE_DATE_EPOCH is left alone (_stamp has checked it); otherwise the stamp stands in
    for the duration only.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if before:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime.fromisoformat(stamp).timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


@contextmanager
def _fewer_collections():
    """Run the cyclic garbage collector less often while WeasyPrint lays out the document.

    Why: layout allocates millions of short-lived objects, and the default thresholds make the
    collector scan them over and over (about a tenth of the rendering time); refcounting still
    frees most of them, and the raised threshold keeps memory bounded, unlike gc.disable().
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def typeset(source: str, url_fetcher: TemplateFetcher | None = None):
    """Lay out an HTML document with the templates as its base and only the restricted fetcher."""
    fetcher = url_fetcher or TemplateFetcher()
    return HTML(string=source, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher).render()


def render_pdf(
    report: Report,
    *,
    url_fetcher: TemplateFetcher | None = None,
    author: str = "scorecard",
    progress=None,
    jobs: int | None = None,
    cache: Cache | None = None,
) -> bytes:
    """The scorecard as PDF bytes: title, author, language and dates from the Report, never the clock.

    Tagged (a structure tree, as WeasyPrint's PDF/UA support writes it) so that screen readers and
    reflow can follow headings, lists and tables. `progress(n)` is told the page count once laid out.
    The document is cut into parts typeset by `jobs` processes (default: one per core) and joined
    (render/parallel.py), where the engine's gate allows (render/engine.py: the versions tested and
    a self-check); elsewhere plain WeasyPrint typesets it in this process (render_pdf_whole). The
    same Report (and the same SOURCE_DATE_EPOCH, when set) gives byte-identical files, whatever
    `jobs` is, and whatever `cache` holds: parts typeset before with the same HTML and the same
    page plan are taken from it (render/kept.py).
    """
    from scorecard.render import engine

    fetcher = url_fetcher or TemplateFetcher()
    if engine.unsafe() is not None:  # the parallel engine is not trusted here: plain WeasyPrint
        return render_pdf_whole(report, url_fetcher=fetcher, author=author, progress=progress)
    from scorecard.render.parallel import Repaginated, typeset_parts

    stamp = _stamp(report)
    with _font_epoch(stamp), _fewer_collections():
        source = environment().get_template("report.html").render(**context(report, author), split=True)
        try:
            return typeset_parts(source, stamp, fetcher, jobs, author=author, progress=progress, cache=cache)
        except Repaginated:  # a page number outgrew its placeholder: typeset the whole in one piece
            return render_pdf_whole(report, url_fetcher=fetcher, author=author, progress=progress)


def render_pdf_whole(
    report: Report, *, url_fetcher: TemplateFetcher | None = None, author: str = "scorecard", progress=None
) -> bytes:
    """The report's own HTML typeset in one process by plain WeasyPrint (the benchmarks' yardstick)."""
    stamp = _stamp(report)
    with _font_epoch(stamp), _fewer_collections():
        doc = typeset(render_html(report, author), url_fetcher)
        if progress:
            progress(len(doc.pages))
        doc.metadata.created = doc.metadata.modified = stamp
        doc.metadata.authors = [author]
        return doc.write_pdf(pdf_tags=True)
