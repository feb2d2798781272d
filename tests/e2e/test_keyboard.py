"""The keyboard alone: search, tick a facet, go to page 2, open a document, go back; focus always visible."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.e2e

# More Tab presses than any page has focusable elements before its last hit: a target never reached is a failure.
MAX_TABS = 400
SPEAKER = "Vladimir Norov"
FOCUSED_OUTLINE = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page, selector: str) -> None:
    """Press Tab until the focused element matches ``selector``, checking every stop shows its focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED_OUTLINE), page.evaluate("document.activeElement.outerHTML")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached by {MAX_TABS} presses of Tab on {page.url}")


def state(page) -> list[tuple[str, str]]:
    """Return the query string of the page's URL as pairs."""
    return parse_qsl(urlsplit(page.url).query)


def test_search_tick_page_open_and_back_with_the_keyboard_alone(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/?per_page=3")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    tab_to(page, "#q")
    page.keyboard.type("security")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=security**")

    tab_to(page, f'#facet-speaker input[value="{SPEAKER}"]')
    page.keyboard.press("Space")
    page.wait_for_url("**speaker=**")
    assert ("speaker", SPEAKER) in state(page)

    tab_to(page, 'nav.pagination a[rel="next"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**page=2**")
    results_url = page.url
    assert {("q", "security"), ("speaker", SPEAKER), ("page", "2")} <= set(state(page))

    tab_to(page, "ol.hits .hit-title a")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/doc/**")
    assert page.evaluate("location.pathname + location.search + location.hash") == target

    page.go_back()  # the browser's Back (Alt+Left is the browser's own key, which Playwright cannot press)
    page.wait_for_url(results_url)
    assert page.is_checked(f'#facet-speaker input[value="{SPEAKER}"]')
    context.close()


def test_a_year_of_the_chart_and_its_table_with_the_keyboard_alone(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server + "/search?q=Shanghai")
    tab_to(page, "svg.chart.bars a")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    page.wait_for_url("**year=**")
    assert ("year", label.split(":")[0]) in state(page)
    tab_to(page, ".timeline details summary")
    page.keyboard.press("Enter")
    assert page.is_visible(".timeline details table")
    context.close()
