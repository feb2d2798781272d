"""Drive the web app in headless Chromium: search, tick two facet values, page, open a passage, reload a copied URL."""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit
from urllib.request import urlopen

import pytest

pytestmark = pytest.mark.e2e
SPEAKERS = ("Vladimir Norov", "Xi Jinping")


def hit_links(page) -> list[str]:
    """Return the hrefs of the hits on a results page, in order."""
    return page.eval_on_selector_all("ol.hits .hit-title a", "links => links.map(a => a.getAttribute('href'))")


def api_total(base: str, url: str) -> int:
    """Return the total the JSON API gives for the state of a page URL."""
    with urlopen(base + "/api/search?" + urlsplit(url).query) as response:
        return json.load(response)["total"]


def search_and_tick(page, base: str) -> None:
    """Search from a page with per_page=3, then tick two speakers (the script submits on each tick)."""
    page.goto(base + "/search?per_page=3")
    page.fill("#q", "security")
    page.press("#q", "Enter")
    page.wait_for_url("**q=security**")
    assert ("per_page", "3") in parse_qsl(urlsplit(page.url).query)
    assert len(hit_links(page)) == 3
    for name in SPEAKERS:
        page.check(f'#facet-speaker input[value="{name}"]')
        page.wait_for_url(f"**speaker={name.replace(' ', '+')}**")
    state = parse_qsl(urlsplit(page.url).query)
    assert all(("speaker", name) in state for name in SPEAKERS)
    assert all(page.is_checked(f'#facet-speaker input[value="{name}"]') for name in SPEAKERS)
    total = api_total(base, page.url)
    assert total > 3
    assert page.inner_text("h1.results-count").startswith(f"{total} passages")


def go_to_page_two(page) -> list[str]:
    """Follow the next-page link and return the hits there, checking the filters were kept."""
    first_page = hit_links(page)
    page.click('nav.pagination a[rel="next"]')
    page.wait_for_url("**page=2**")
    assert page.get_attribute('nav.pagination a[aria-current="page"]', "aria-label") == "Page 2"
    second_page = hit_links(page)
    assert second_page and not set(second_page) & set(first_page)
    assert all(page.is_checked(f'#facet-speaker input[value="{name}"]') for name in SPEAKERS)
    return second_page


def open_passage(page, target: str) -> None:
    """Open a hit in its document and check the passage is targeted and its words marked."""
    page.click(f'ol.hits .hit-title a[href="{target}"]')
    page.wait_for_url("**/doc/**")
    anchor = urlsplit(target).fragment
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(f"section#{anchor} mark").count() >= 1
    assert page.locator(f"section#{anchor} .passage-text").get_attribute("lang") == "en"


def test_search_facets_paging_document_and_copied_url(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    search_and_tick(page, live_server)
    second_page = go_to_page_two(page)
    copied = page.url
    open_passage(page, second_page[0])

    fresh = context.new_page()
    fresh.goto(copied)
    page.go_back()
    page.wait_for_url(copied)
    assert hit_links(fresh) == hit_links(page) == second_page
    assert fresh.inner_text("h1.results-count") == page.inner_text("h1.results-count")
    canonical = "link[rel=canonical]"
    assert fresh.locator(canonical).get_attribute("href") == page.locator(canonical).get_attribute("href")
    assert errors == []
    context.close()
