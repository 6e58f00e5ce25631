"""Headless Chromium for the HTML page's tests and benchmark: load a page, let its script run,
read back the DOM it built (``--dump-dom``) or a screenshot. No DevTools protocol, no new
dependency: the page writes what the tests check into the DOM itself."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome")
# Every switch that could make the browser talk to the network or keep state is off.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
]  # fmt: skip

# Put before the page's Content-Security-Policy (a policy set by <meta> covers only what follows
# it): any alert, confirm or prompt marks the document instead of opening a dialog.
ALERT_HOOK = (
    "<script>window.alert = window.confirm = window.prompt = function (m) {"
    " document.documentElement.setAttribute('data-alerted', String(m)); };</script>"
)


def find_chromium() -> str | None:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(page: Path, fragment: str, extra: list[str], timeout: int = 120) -> subprocess.CompletedProcess:
    browser = find_chromium()
    if browser is None:
        raise RuntimeError("no chromium on PATH")
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    with tempfile.TemporaryDirectory(prefix="tracker-chromium-") as profile:
        return subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True, text=True, timeout=timeout,
        )  # fmt: skip


def dump_dom(page: Path, fragment: str = "", budget_ms: int | None = 5000) -> str:
    """The page's DOM after its script ran (serialised HTML)."""
    extra = [f"--virtual-time-budget={budget_ms}"] if budget_ms else []
    result = _run(page, fragment, [*extra, "--dump-dom"])
    if result.returncode != 0 or "<html" not in result.stdout:
        raise RuntimeError(f"chromium failed ({result.returncode}): {result.stderr[-500:]}")
    return result.stdout


def screenshot(page: Path, target: Path, fragment: str = "", size: str = "1400,1000") -> Path:
    result = _run(page, fragment, ["--virtual-time-budget=5000", f"--window-size={size}", f"--screenshot={target}"])
    if not target.exists():
        raise RuntimeError(f"chromium wrote no screenshot ({result.returncode}): {result.stderr[-500:]}")
    return target


def with_alert_hook(page: Path, target: Path, keep_policy: bool = True) -> Path:
    """A copy of the page that records alerts; without its CSP when ``keep_policy`` is false, so
    the escaping alone is what stands between a hostile title and a running script."""
    text = page.read_text(encoding="utf-8")
    if not keep_policy:
        text, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text, count=1)
        assert removed == 1
    text = text.replace("<head>", "<head>" + ALERT_HOOK, 1)
    target.write_text(text, encoding="utf-8")
    return target


class Dom(HTMLParser):
    """The parts of a dumped page the tests look at: the table rows and timeline marks (by their
    data-i), the body's data attributes, and the text inside chosen elements."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.root: dict[str, str | None] = {}
        self.body: dict[str, str | None] = {}
        self.rows: dict[int, bool] = {}  # data-i -> hidden (filtered out)
        self.displayed: list[int] = []  # data-i of the rows the script shows (class "shown")
        self.marks: list[int] = []  # data-i of every mark on the timeline (an event may sit in several lanes)
        self.tags: list[str] = []
        self.texts: dict[str, list[str]] = {}  # id of an element -> text inside it
        self._open: list[tuple[str, str | None]] = []
        self._in_timeline = 0
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.root = attributes
        elif tag == "body":
            self.body = attributes
        if tag == "tr" and "data-i" in attributes:
            self.rows[int(attributes["data-i"])] = "hidden" in attributes
            if "shown" in (attributes.get("class") or "").split():
                self.displayed.append(int(attributes["data-i"]))
        if self._in_timeline and "data-i" in attributes:
            self.marks.append(int(attributes["data-i"]))
        if attributes.get("id") == "timeline":
            self._in_timeline += 1
        elif self._in_timeline and tag in ("section",):
            self._in_timeline += 1
        if tag not in ("br", "meta", "input", "link", "img"):
            self._open.append((tag, attributes.get("id")))

    def handle_endtag(self, tag):
        while self._open:
            name, element_id = self._open.pop()
            if name == "section" and self._in_timeline:
                self._in_timeline -= 1
            if name == tag:
                break

    def handle_data(self, data):
        for _, element_id in self._open:
            if element_id:
                self.texts.setdefault(element_id, []).append(data)

    def text(self, element_id: str) -> str:
        return "".join(self.texts.get(element_id, []))

    def shown_rows(self) -> set[int]:
        return {i for i, hidden in self.rows.items() if not hidden}
