"""The outside check, from inside: for each role, follow every link from `/` (a few pages per URL
shape), and on every page: no 4xx/5xx, no asset or request outside the server, no English word
in the visible text (code and URLs aside), no leftover of the source data's notes. Download
links (XLSX, CSV, SVG) must answer 200 too."""
import re
from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest

# Common English words that are not Vietnamese syllables (so "do", "in", "to", "an" are left out).
ENGLISH = {
    "the", "and", "of", "for", "with", "from", "by", "this", "that", "not", "found", "page", "error", "server",
    "earlier", "truncated", "source", "excerpt", "number", "per", "under", "older", "regulation", "dated",
    "unit", "level", "duty", "login", "logout", "username", "password", "search", "submit", "cancel", "save",
    "delete", "home", "next", "previous", "show", "hide", "view", "edit", "add", "change", "history", "welcome",
    "yes", "all", "none", "filter", "download", "upload", "print", "chart", "date", "today", "name", "status",
    "score", "note", "user", "site", "administration", "log", "is", "are", "was", "be", "or", "if", "then",
    "true", "false", "null", "undefined", "select", "choose", "required", "invalid", "forbidden", "conflict",
    "candidates", "eligible", "violation", "warning", "merge", "split", "move", "dissolve", "rename", "schedule",
    "overlap", "overlaps", "staff", "quota", "headcount", "agency", "official", "position", "report", "rules",
}
WORD = re.compile(r"\w+")
SKIP_PREFIXES = ("/graphql/", "/dang-xuat/", "/static/")
PER_SHAPE = 2
MAX_PAGES = 45

VISIBLE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('code, pre, script, style, noscript, datalist, svg title').forEach(e => e.remove());
  return copy.innerText;
}"""
ASSETS = """() => [...document.querySelectorAll('script[src], link[href], img[src], iframe[src], source[src]')]
  .map(e => e.src || e.href)"""


def shape(url: str) -> str:
    parts = urlsplit(url)
    segs = ["*" if re.search(r"[0-9A-Z.]", s) else s for s in parts.path.strip("/").split("/")]
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return "/".join(segs) + "?" + "&".join(keys)


def english_words(text: str) -> list[str]:
    text = re.sub(r"https?://\S+|/[\w./?=&%-]+", " ", text)
    return sorted({w for w in WORD.findall(text) if w.lower() in ENGLISH})


@pytest.mark.parametrize("username", [None, "thanhtra", "tochuc", "canbo", "quantri"])
def test_crawl_from_home(visit, server, username):
    page = visit(username)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    queue, seen, shapes, problems, downloads = deque([f"{server}/"]), set(), Counter(), [], set()
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        resp = page.goto(url)
        if resp is None or resp.status >= 400:
            problems.append(f"{url}: HTTP {resp.status if resp else '—'}")
            continue
        if urlsplit(page.url).path.startswith("/admin/") and urlsplit(url).path != "/admin/":
            continue
        text = page.evaluate(VISIBLE_TEXT)
        found = english_words(text)
        if found:
            problems.append(f"{url}: English words {found}")
        if "[truncated" in text or "RULES §" in text:
            problems.append(f"{url}: notes of the source data shown")
        problems += [f"{url}: external asset {a}" for a in page.evaluate(ASSETS) if not a.startswith(server)]
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            link = urljoin(page.url, href).split("#")[0]
            path = urlsplit(link).path
            if not link.startswith(server) or path.startswith(SKIP_PREFIXES) or link in seen:
                continue
            if "dinh_dang=" in link:
                downloads.add(link)
                continue
            if path.startswith("/admin/") and path != "/admin/":
                continue
            if shapes[shape(link)] < PER_SHAPE:
                shapes[shape(link)] += 1
                queue.append(link)
    for link in sorted(downloads)[:8]:
        status = page.request.get(link).status
        if status != 200:
            problems.append(f"{link}: download HTTP {status}")
    problems += [f"request outside the server: {u}" for u in outside]
    assert len(seen) > 5
    assert not problems, "\n".join(problems)
