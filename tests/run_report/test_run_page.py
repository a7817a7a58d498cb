"""run-<id>.html: the night's report as a page, with the figures of run-<id>.json, no request
to anywhere, and nothing from the inbox able to inject markup."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from actes import run_page
from actes.pipeline import run
from tests.pipeline.inbox import make_inbox

SITE = "https://actes.example.org"
HOSTILE = '<script>alert(1)<script>"onerror=x.docx'


class Page(HTMLParser):
    """Every tag with its attributes, the text of each data-key element, the text of the page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.figures: dict[str, str] = {}
        self.styles: list[str] = []
        self.text: list[str] = []
        self._open: list[tuple[str, str | None, list[str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag not in {"meta", "br", "line", "link", "img", "input"}:
            self._open.append((tag, attrs.get("data-key"), []))

    def handle_endtag(self, tag):
        while self._open:
            name, key, parts = self._open.pop()
            text = "".join(parts).strip()
            if key is not None:
                self.figures.setdefault(key, text)
            if self._open:
                self._open[-1][2].append(text)
            if name == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._open[-1][2].append(data)
            if self._open[-1][0] == "style":
                self.styles.append(data)


def flatten(value, prefix="") -> dict[str, object]:
    """{"a": {"b": 1}} → {"a.b": 1}; lists by index."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return {prefix: value}
    flat = {}
    for key, item in items:
        flat |= flatten(item, f"{prefix}.{key}" if prefix else str(key))
    return flat


def shown(value) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    """Two runs in one output folder: four acts, a bad PDF and a hostile name, then two more acts."""
    root = tmp_path_factory.mktemp("nights")
    inbox = make_inbox(root / "inbox", 4, bad=1)
    (inbox / HOSTILE).write_bytes(b"PK\x03\x04")
    out = root / "out"
    first = run(inbox, out, workers=0, site_url=SITE)
    make_inbox(inbox, 6)
    second = run(inbox, out, workers=0, site_url=SITE)
    return out, first, second


def test_the_page_shows_the_figures_of_the_json(nights):
    out, first, _ = nights
    report = json.loads((out / f"run-{first.run_id}.json").read_text(encoding="utf-8"))
    page = Page((out / f"run-{first.run_id}.html").read_text(encoding="utf-8"))
    flat = flatten(report)
    checked = 0
    for key, text in page.figures.items():
        if key == "failed":  # the JSON lists them; the page counts them
            assert text == str(len(report["failed"]))
        elif key == "ok":
            assert ("failed" in text) is (not report["ok"])
        elif key == "referential.version":
            assert report["referential"]["version"] in text
        else:
            assert key in flat, key
            assert text == shown(flat[key]), key
            checked += 1
    # Every headline count, every nature, authority, problem type, stage and slow file is there.
    expected = {"files_seen", "submissions", "new", "reextracted", "skipped", "processed", "acts", "pages",
                "matiere_unknown", "held_for_review.count", "extractor_version"}
    expected |= {f"acts_by_nature.{k}" for k in report["acts_by_nature"]}
    expected |= {f"acts_by_authority.{k}" for k in report["acts_by_authority"]}
    expected |= {f"problems.{k}" for k in report["problems"]}
    expected |= {f"seconds.{k}" for k in report["seconds"]}
    expected |= {f"slowest.{i}.seconds" for i in range(len(report["slowest"]))}
    expected |= {f"models.{m}.sha256" for m in report["models"]}
    expected |= {f"failed.{i}.{k}" for i in range(len(report["failed"])) for k in ("path", "reason", "message")}
    assert expected <= set(page.figures)
    assert checked >= len(expected) - 1 and report["acts"] == 4 and len(report["failed"]) == 2
    assert report["acts_by_nature"] == {"deliberation": 4} and sum(report["acts_by_authority"].values()) == 4

    # Each failure: its file and its reason, as in the JSON.
    text = " ".join(page.text)
    for failure in report["failed"]:
        assert failure["path"] in text and failure["reason"] in text and failure["message"] in text
    # Every act with a problem is listed under it, linked to its page in the site.
    links = {attrs["href"] for tag, attrs in page.tags if tag == "a"}
    for slug, acts in report["problem_acts"].items():
        assert len(acts) >= 1 and report["problems"][slug] >= len(acts)
        for act in acts:
            assert run_page.act_url(SITE, act["id"]) in links


def test_the_chart_has_one_bar_per_night_with_the_figures_of_each_report(nights):
    out, first, second = nights
    page = Page((out / f"run-{second.run_id}.html").read_text(encoding="utf-8"))
    bars = {(a["class"], int(a["data-run"])): int(a["data-value"]) for tag, a in page.tags if tag == "rect"}
    for night in (first, second):
        report = json.loads((out / f"run-{night.run_id}.json").read_text(encoding="utf-8"))
        assert bars[("acts", night.run_id)] == report["acts"]
        assert bars[("failed", night.run_id)] == len(report["failed"])
        assert bars[("held", night.run_id)] == report["held_for_review"]["count"]
    assert (second.acts, len(bars)) == (2, 6)  # delib-005 and 006, the failures not retried
    # The first night's page was written before the second: it knows one night only.
    earlier = Page((out / f"run-{first.run_id}.html").read_text(encoding="utf-8"))
    assert {int(a["data-run"]) for tag, a in earlier.tags if tag == "rect"} == {first.run_id}


def test_the_page_requests_nothing_and_links_only_to_the_site(nights):
    out, _, second = nights
    for path in sorted(out.glob("run-*.html")):
        page = Page(path.read_text(encoding="utf-8"))
        assert not [t for t, _ in page.tags if t in {"script", "link", "img", "iframe", "object", "embed", "image", "use"}]
        for tag, attrs in page.tags:
            assert "src" not in attrs and "srcset" not in attrs and "xlink:href" not in attrs, tag
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            if "href" in attrs:
                assert tag == "a" and attrs["href"].startswith(f"{SITE}/publication/acts/"), attrs["href"]
            assert "url(" not in attrs.get("style", "")
        css = " ".join(page.styles)
        assert "@import" not in css and "url(" not in css and "@font-face" not in css
        assert "http://" not in path.read_text(encoding="utf-8")


def test_a_hostile_file_name_stays_text(nights):
    out, first, _ = nights
    page = Page((out / f"run-{first.run_id}.html").read_text(encoding="utf-8"))
    assert [t for t, _ in page.tags].count("script") == 0
    assert any(HOSTILE in chunk for chunk in page.text)


def test_every_text_of_a_report_is_escaped():
    evil = '<img src=x onerror=alert(1)>"\'&'
    report = {
        "run_id": 7, "inbox": evil, "out": evil, "executor": evil, "files_seen": 1, "acts": 1,
        "failed": [{"path": evil, "reason": evil, "message": evil}],
        "duplicates": [{"path": evil, "same_as": evil}],
        "acts_by_nature": {evil: 1}, "acts_by_authority": {evil: 1},
        "problems": {evil: 2}, "problem_acts": {evil: [{"id": evil, "source": evil}, {"id": evil + "held", "source": evil}]},
        "held_for_review": {"count": 1, "by_reason": {evil: 1}, "acts": [{"id": evil + "held", "source": evil, "reason": evil, "detail": evil}]},
        "slowest": [{"path": evil, "seconds": 1.0, "acts": 1, "pages": 1}], "seconds": {evil: 1.0},
        "workers": {evil: {"files": 1, "seconds": 1.0, "max_rss_mb": 1.0}},
        "models": {evil: {"format": evil, "sha256": evil, evil: evil}}, "referential": {evil: evil},
        "extractor_version": evil, "started_at": evil, "ok": False,
    }
    nights = [{"run_id": 7, "date": evil, "acts": 1, "failed": 1, "held": 1}]
    page = Page(run_page.render(report, nights, SITE))
    assert not [t for t, _ in page.tags if t in {"img", "script"}]
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert sum(evil in chunk for chunk in page.text) >= 15
    hrefs = [a["href"] for t, a in page.tags if t == "a"]
    assert hrefs == [run_page.act_url(SITE, evil)]  # the held act is listed, not linked: it is not published


def test_act_urls_are_datasette_row_urls():
    datasette = pytest.importorskip("datasette.utils")
    for act_id in ("093-213000001-20230126-2023_001-DE", "a b/c.d~é", "0123abcd-1"):
        assert run_page.tilde_encode(act_id) == datasette.tilde_encode(act_id)
    assert run_page.act_url(SITE, "a/b") == f"{SITE}/publication/acts/a~2Fb"


def test_links_need_a_site(tmp_path):
    assert run_page.site_url_for(tmp_path) is None
    assert run_page.site_url_for(tmp_path, "https://x.example/") == "https://x.example"
    (tmp_path / "site").mkdir()
    assert run_page.site_url_for(tmp_path) == run_page.DEFAULT_SITE_URL  # where `actes serve` listens


def test_history_reads_the_last_nights_and_skips_broken_reports(tmp_path):
    for n in range(1, 36):
        (tmp_path / f"run-{n}.json").write_text(json.dumps({
            "acts": n, "failed": [{}] * (n % 3), "held_for_review": {"count": n % 2}, "started_at": f"2026-01-{n % 28 + 1:02d}T01:00:00"}))
    (tmp_path / "run-30.json").write_text("{truncated")
    (tmp_path / "run-x.json").write_text("{}")
    nights = run_page.history(tmp_path, 34)  # the 30 last readable reports up to run 34
    assert [n["run_id"] for n in nights] == [n for n in range(4, 35) if n != 30]
    assert nights[-1] == {"run_id": 34, "date": "2026-01-07", "acts": 34, "failed": 1, "held": 0}


def test_a_page_that_cannot_be_drawn_never_fails_the_run(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(run_page, "render", broken)
    report = run(make_inbox(tmp_path / "inbox", 1), tmp_path / "out", workers=0)
    assert report.ok and (tmp_path / "out" / f"run-{report.run_id}.json").is_file()
    assert not (tmp_path / "out" / f"run-{report.run_id}.html").exists()


def test_the_page_module_has_no_dependency_on_the_site():
    source = Path(run_page.__file__).read_text(encoding="utf-8")
    assert "import datasette" not in source and "from actes.publish" not in source
