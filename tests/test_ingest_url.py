"""`scorecard ingest URL` against a real HTTP server on 127.0.0.1 that the test starts; nothing leaves the machine."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time

import pytest
import yaml
from test_ingest import ARTICLE, DATA, run, snapshot

PAGES = {
    "/article.html": ("text/html; charset=utf-8", ARTICLE.encode("utf-8")),
    "/notes.txt": (
        "text/plain; charset=utf-8",
        b"The Taliban hosted al-Qaeda leaders in Kabul in July 2022.\n",
    ),
    "/image.png": ("image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    "/big.html": ("text/html", b"<p>" + b"The Taliban hosted al-Qaeda. " * 40_000 + b"</p>"),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/unsized":  # no Content-Length: the limit is found while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(PAGES["/big.html"][1])
            return
        kind, body = PAGES.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in PAGES else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that stopped reading (over the size limit, or timed out) is expected here


@pytest.fixture
def server(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_and_its_original_bytes_kept_with_url_and_time(proj, server):
    r = run("ingest", f"{server}/moved", *DATA)
    assert r.exit_code == 0, r.stderr
    review = next((proj / "evidence" / "review").glob("*.yaml"))
    src = yaml.safe_load(review.read_text("utf-8"))["source"]
    assert src["url"] == f"{server}/article.html"  # where the redirect led
    original = src["original"]
    assert (proj / "evidence" / original["file"]).read_bytes() == ARTICLE.encode("utf-8")
    assert original["sha256"] == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert original["media_type"] == "text/html"
    assert original["retrieved"].endswith("Z") and original["retrieved"][:2] == "20"


def test_dry_run_on_a_url_writes_nothing(proj, server):
    before = snapshot(proj)
    r = run("ingest", f"{server}/notes.txt", *DATA, "--dry-run", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert any("hosted al-Qaeda" in c["quote"] for c in json.loads(r.stdout))
    assert snapshot(proj) == before


@pytest.mark.parametrize(
    ("path", "args", "says"),
    [
        ("/image.png", (), "is image/png: ingest reads HTML, PDF and plain text only"),
        ("/big.html", ("--max-size", "0.5"), "over the 0.5 MB limit"),
        ("/unsized", ("--max-size", "0.5"), "over the 0.5 MB limit"),
        ("/to-file", (), "only http and https are followed"),
        ("/missing", (), "the server answered 404"),
        ("/slow", ("--timeout", "0.5"), "no answer within 0.5 s"),
    ],
)
def test_url_refused_with_the_reason_and_nothing_written(proj, server, path, args, says):
    before = snapshot(proj)
    r = run("ingest", f"{server}{path}", *DATA, *args)
    assert r.exit_code == 1 and says in r.stderr and "nothing was written" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    assert snapshot(proj) == before


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x.html", "file:///etc/passwd"])
def test_other_schemes_are_a_usage_error(proj, url):
    r = run("ingest", url, *DATA, "--dry-run")
    assert r.exit_code == 2 and "only http:// and https://" in r.stderr
