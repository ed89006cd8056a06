"""A web page or document fetched by URL: HTTP(S) only, with a timeout, a size limit and a checked type.

Why so guarded: the URL is the user's, but what answers is not. A redirect to another scheme
(`file:`, `ftp:`) is refused, a body larger than the limit is cut off and refused, and only the
types ingest can read (HTML, PDF, plain text) are accepted. The original bytes are kept as they
came, with the URL and the time they were retrieved.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from scorecard.ingest.extract import Extracted, IngestError, extract

SCHEMES = ("http", "https")
TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "application/pdf": "application/pdf",
    "text/plain": "text/plain",
}
DEFAULT_TIMEOUT = 30.0  # seconds for connecting and for each read
_CHUNK = 1 << 16
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class NotHttp(IngestError):
    """A URL of another scheme than HTTP(S) (a usage error: exit 2)."""


def is_url(arg: str) -> bool:
    """Whether a command-line argument is a URL rather than a file name."""
    return bool(_URL.match(arg))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only, and says so when a server points elsewhere."""

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        if urlsplit(target).scheme.lower() not in SCHEMES:
            raise IngestError(f"{req.full_url} redirects to {target}: only http and https are followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch(url: str, max_bytes: int, timeout: float = DEFAULT_TIMEOUT, on_page=None) -> Extracted:
    """Fetch `url` and extract it; IngestError (NotHttp for another scheme) with the reason otherwise."""
    if urlsplit(url).scheme.lower() not in SCHEMES or not urlsplit(url).netloc:
        raise NotHttp(f"{url}: only http:// and https:// URLs can be fetched")
    when = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(
        url, headers={"User-Agent": "scorecard-ingest", "Accept": ", ".join(TYPES)}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            final, kind = response.geturl(), _kind(url, response.headers)
            raw = _body(url, response, max_bytes)
    except urllib.error.HTTPError as exc:
        raise IngestError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise IngestError(f"cannot fetch {url}: {exc.reason}") from None
    except TimeoutError:
        raise IngestError(f"cannot fetch {url}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise IngestError(f"cannot fetch {url}: {exc.strerror or exc}") from None
    name = PurePosixPath(urlsplit(final).path).name or urlsplit(final).netloc
    doc = extract(Path(name), raw, kind, on_page)  # a name to show, never opened
    doc.url, doc.retrieved = final, when
    return doc


def _kind(url: str, headers) -> str:
    got = headers.get_content_type()
    if got not in TYPES:
        raise IngestError(f"{url} is {got}: ingest reads HTML, PDF and plain text only")
    return TYPES[got]


def _body(url: str, response, max_bytes: int) -> bytes:
    """The body, read up to the limit and refused past it (a stated length is refused at once)."""
    stated = response.headers.get("Content-Length")
    if stated and stated.isdigit() and int(stated) > max_bytes:
        raise IngestError(f"{url} is {int(stated) / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit")
    parts, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise IngestError(f"{url} is over the {max_bytes / 1e6:g} MB limit (raise it with --max-size MB)")
        parts.append(chunk)
    return b"".join(parts)
