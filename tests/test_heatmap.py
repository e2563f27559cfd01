"""The coverage heatmap of `batch` (index.html, heatmap.svg, heatmap.png), `align -f html` and
`common -f html`, checked in a real browser: headless Chromium driven by Playwright.

Chromium comes from the system (Debian's `chromium`, installed by `.ci/run`); Playwright's own
browser download is not used. These tests never skip: without Chromium they fail and say how
to install it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import HILVERSUM, LEUSDEN_IVP, ROOT, TWENTE, run_cli

PLANS = sorted((ROOT / "tests" / "fixtures" / "plans").glob("ivp-*.txt"))[:5]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    for candidate in (os.environ.get("VEILIGHEID_CHROMIUM"), "chromium", "chromium-browser"):
        found = candidate and (shutil.which(candidate) or (Path(candidate).is_file() and candidate))
        if found:
            return str(found)
    pytest.fail("Chromium not found: apt-get install chromium (or set VEILIGHEID_CHROMIUM)")


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory) -> Path:
    plans = tmp_path_factory.mktemp("plans")
    for path in [LEUSDEN_IVP, *PLANS]:
        shutil.copy(path, plans)
    out = tmp_path_factory.mktemp("out")
    result = run_cli("batch", str(plans), "-r", str(HILVERSUM), "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that records every request that is not for a file: URL."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests_out = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else page.requests_out.append(r.url),
    )
    yield page
    context.close()


def test_batch_writes_the_heatmap_files(batch_dir):
    from PIL import Image

    for name in ("index.html", "heatmap.svg", "heatmap.png"):
        assert (batch_dir / name).stat().st_size > 1000, name
    with Image.open(batch_dir / "heatmap.png") as png:
        assert png.width >= 1200
    svg = (batch_dir / "heatmap.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    html = (batch_dir / "index.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert "<link" not in html and "src=" not in html  # nothing loaded from elsewhere


def test_plans_that_share_a_stem_keep_their_own_rows_and_reports(tmp_path):
    import re

    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(PLANS[0], tmp_path / folder / "plan.txt")
    out = tmp_path / "out"
    result = run_cli("batch", str(tmp_path / "a" / "plan.txt"), str(tmp_path / "b" / "plan.txt"),
                     "-r", str(HILVERSUM), "-o", str(out), "-q")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    plans = sorted(set(re.findall(r'data-plan="([^"]+)"', html)))
    assert len(plans) == 2 and all(name.startswith("plan") for name in plans)
    assert all((out / f"{name}.md").exists() for name in plans)


def test_heatmap_cells_click_shows_evidence_quoting_the_plan(batch_dir, page, tmp_path):
    page.goto((batch_dir / "index.html").as_uri())
    regional = json.loads((batch_dir / "index.json").read_text(encoding="utf-8"))
    plans, priorities = regional["plans"], regional["plans"][0]["regional_priorities"]
    cells = page.locator("td[data-plan][data-priority][data-verdict]")
    assert cells.count() == len(plans) * len(priorities) == 6 * 3
    verdicts = {cells.nth(k).get_attribute("data-verdict") for k in range(cells.count())}
    assert verdicts <= {"covered", "partial", "missing"}
    panel = page.locator("[data-evidence]")
    assert not panel.is_visible()

    covered = page.locator('td[data-plan="leusden-ivp-2016-2019"][data-verdict="covered"]').first
    covered.click()
    assert panel.is_visible()
    text = panel.inner_text()
    assert "covered" in text and "Decided by" in text
    quotes = [q.inner_text() for q in panel.locator("blockquote").all()]
    plan_text = " ".join(LEUSDEN_IVP.read_text(encoding="utf-8").split()).casefold()
    assert quotes and any(" ".join(q.split())[:40].casefold() in plan_text for q in quotes)
    assert panel.locator("cite").first.inner_text().count("l.") == 1
    assert panel.locator("a").get_attribute("href") == "leusden-ivp-2016-2019.md"
    page.screenshot(path=str(tmp_path / "heatmap.png"), full_page=True)
    assert page.requests_out == []


def test_a_cell_says_how_much_evidence_it_does_not_quote(tmp_path, page):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(LEUSDEN_IVP, plans)
    out = tmp_path / "out"
    assert run_cli("batch", str(plans), "-r", str(TWENTE), "-o", str(out), "-q").exit_code == 0
    aligned = run_cli("align", str(LEUSDEN_IVP), str(TWENTE), "-f", "json").stdout
    counted = [p for p in json.loads(aligned)["regional_priorities"] if p["more_evidence"]]
    assert counted, "Leusden × Twente has a verdict with more evidence than it quotes"
    page.goto((out / "index.html").as_uri())
    page.locator(f'td[data-priority="{counted[0]["text"]}"]').click()
    count = counted[0]["more_evidence"]
    expected = f"And {count} more piece{'s' if count > 1 else ''} of evidence in the plan"
    assert expected in page.locator("[data-evidence]").inner_text()


def test_heatmap_keyboard_and_sorting(batch_dir, page):
    page.goto((batch_dir / "index.html").as_uri())
    cell = page.locator('td[data-verdict="missing"]').first
    cell.focus()
    page.keyboard.press("Enter")
    panel = page.locator("[data-evidence]")
    assert panel.is_visible() and "missing" in panel.inner_text()
    page.keyboard.press("Escape")
    assert not panel.is_visible()

    page.click("button[data-sort=coverage]")
    values = [float(v) for v in page.eval_on_selector_all(
        "tbody tr", "rows => rows.map(r => r.dataset.coverage)")]  # fmt: skip
    assert values == sorted(values)
    page.click("button[data-sort=coverage]")
    values = [float(v) for v in page.eval_on_selector_all(
        "tbody tr", "rows => rows.map(r => r.dataset.coverage)")]  # fmt: skip
    assert values == sorted(values, reverse=True)
    page.click("button[data-sort=name]")
    names = page.eval_on_selector_all("tbody tr", "rows => rows.map(r => r.dataset.name)")
    assert names == sorted(names, key=str.casefold)
    assert page.requests_out == []


def test_colour_is_never_the_only_signal(batch_dir, page):
    page.goto((batch_dir / "index.html").as_uri())
    for verdict, symbol in (("covered", "✔"), ("partial", "◐"), ("missing", "✘")):
        cells = page.locator(f'td[data-verdict="{verdict}"]')
        if cells.count():
            assert symbol in cells.first.inner_text() and verdict in cells.first.inner_text()


def test_heatmap_prints_on_a4_landscape(batch_dir, page, tmp_path):
    page.goto((batch_dir / "index.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".hint").is_visible()
    page.pdf(path=str(tmp_path / "heatmap.pdf"), prefer_css_page_size=True)
    from pypdf import PdfReader

    first = PdfReader(str(tmp_path / "heatmap.pdf")).pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert width > height and abs(width - 842) < 3  # A4 landscape, in points
    table_width = page.eval_on_selector("#heatmap", "t => t.scrollWidth")
    assert table_width <= page.evaluate("document.documentElement.clientWidth")


def test_align_html_is_the_same_page_for_one_plan(page, tmp_path):
    out = tmp_path / "leusden.html"
    result = run_cli("align", str(LEUSDEN_IVP), str(HILVERSUM), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page.goto(out.as_uri())
    assert page.locator("td[data-verdict]").count() == 3
    page.locator("td[data-verdict]").first.click()
    assert page.locator("[data-evidence]").is_visible()
    assert page.requests_out == []


def test_common_html_bars(page, tmp_path):
    out = tmp_path / "common.html"
    result = run_cli("common", str(LEUSDEN_IVP), str(TWENTE), *map(str, PLANS), "-f", "html",
                     "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    page.goto(out.as_uri())
    rows = page.locator("tr[data-theme]")
    assert rows.count() > 5
    first = int(rows.first.get_attribute("data-priority-plans"))
    assert first >= int(rows.nth(rows.count() - 1).get_attribute("data-priority-plans"))
    bar = rows.first.locator(".bar.priority").bounding_box()
    assert bar and bar["width"] > 0
    assert page.requests_out == []


def test_compare_html_old_and_new_side_by_side(page, tmp_path):
    pairs = ROOT / "tests" / "fixtures" / "compare"
    out = tmp_path / "compare.html"
    old, new = pairs / "heiland-2020-2023.txt", pairs / "heiland-2024-2027.txt"
    result = run_cli("compare", str(old), str(new), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page.goto(out.as_uri())
    statuses = [r.get_attribute("data-status") for r in page.locator("tr[data-status]").all()]
    assert statuses == ["kept", "dropped", "kept"]
    old = page.locator("tr.kept td.old").first.bounding_box()
    new = page.locator("tr.kept td.new").first.bounding_box()
    assert old and new and old["x"] < new["x"]  # old on the left, new on the right
    assert "merged into" in page.locator("tr.dropped td.change").inner_text()
    assert page.requests_out == []
