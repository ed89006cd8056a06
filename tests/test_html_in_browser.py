"""The HTML report in a real headless Chromium at a desktop, a tablet and a phone width.

Uses Debian's Chromium (`make test` installs it when run as root on Debian) driven by playwright.
Skipped, saying why, where either is missing.
"""

from __future__ import annotations

import shutil

import pytest

from scorecard.render.html import render_html

WIDTHS = (1280, 800, 390)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Every table cell whose content is wider than the cell (it runs into its neighbour), every element
# reaching past the right edge of the page, and whether the page scrolls sideways.
OVERFLOW = """() => {
  const out = [];
  const edge = document.documentElement.clientWidth;
  for (const cell of document.querySelectorAll('td, th')) {
    const box = cell.getBoundingClientRect();
    if (box.width === 0) continue;
    if (cell.scrollWidth > cell.clientWidth + 1) {
      out.push('cell: ' + cell.textContent.trim().slice(0, 60)); continue;
    }
    for (const child of cell.querySelectorAll('*')) {
      const r = child.getBoundingClientRect();
      if (r.width && (r.right > box.right + 1 || r.left < box.left - 1)) {
        out.push('cell: ' + cell.textContent.trim().slice(0, 60)); break;
      }
    }
  }
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > edge + 1 && !el.closest('svg')) {
      out.push('page: <' + el.tagName.toLowerCase() + '> ' + (el.textContent || '').trim().slice(0, 60));
    }
  }
  if (document.documentElement.scrollWidth > edge + 1) out.push('the page scrolls sideways');
  return out;
}"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip(
            "Chromium is not installed (apt-get install chromium; `make test` does it as root on Debian)"
        )
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (make test installs it)"
    )
    try:
        with sync_api.sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield b
            b.close()
    except sync_api.Error as exc:
        pytest.skip(f"Chromium could not be started by playwright: {exc}")


@pytest.fixture(scope="module")
def page_file(full_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "scorecard.html"
    path.write_text(render_html(full_report), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_overflows(browser, page_file, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
        )
        page.goto(page_file.as_uri())
        problems = page.evaluate(OVERFLOW)
    finally:
        page.close()
    assert problems == [], f"at {width} px: " + "; ".join(dict.fromkeys(problems))


def test_viewport_is_set(page_file):
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page_file.read_text()


# At a phone's width the wide timeline gives way to one strip per obligation: its heading as page
# text, its labels drawn at their natural size. Returns what a reader would fail to read.
TIMELINE = """() => {
  const out = [];
  const shown = el => el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
  const wide = document.querySelector('.fig-timeline');
  const narrow = document.querySelector('.tl-narrow');
  out.push('wide:' + shown(wide), 'narrow:' + shown(narrow));
  if (shown(narrow)) {
    for (const t of narrow.querySelectorAll('svg text')) {
      const h = t.getBoundingClientRect().height;
      if (t.textContent.trim() && h < 8) out.push('small: ' + t.textContent + ' ' + h.toFixed(1));
    }
    for (const p of narrow.querySelectorAll('.tl-label')) {
      if (parseFloat(getComputedStyle(p).fontSize) < 12) out.push('label: ' + p.textContent.trim());
    }
    out.push('rows:' + narrow.querySelectorAll('.tl-row').length);
  }
  return out;
}"""


@pytest.mark.parametrize("width", (1280, 390))
def test_the_timeline_reads_at_every_width(browser, page_file, full_report, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(page_file.as_uri())
        found = page.evaluate(TIMELINE)
    finally:
        page.close()
    if width == 1280:
        assert found == ["wide:true", "narrow:false"]
    else:
        assert found == ["wide:false", "narrow:true", f"rows:{len(full_report.obligations)}"], found
