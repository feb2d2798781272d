"""axe-core in real Chromium: no WCAG 2.1 A/AA violation on any page, public or admin, at desktop and phone widths."""
from __future__ import annotations

import json
from urllib.parse import quote
from urllib.request import urlopen

import pytest

from tests.conftest import CORPUS
from tests.e2e.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.e2e

# The level the README promises: WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Pages anyone can reach; {doc} is a document of the corpus, {path} its file.
PUBLIC_PAGES = {
    "home": "/",
    "results with facets": "/search?q=security",
    "results of one filter, page 2": "/search?q=cooperation&lang=en&per_page=2&page=2",
    "one hit per document": "/search?q=cooperation&group=document",
    "browse, newest first": "/search?sort=newest",
    "long question, relaxed": "/search?q=what+did+the+member+states+say+about+aeroelastic+terrorism",
    "empty result": "/search?q=zzqxjv",
    "results across languages": "/search?q=" + quote("терроризм"),
    "results of what was typed only": "/search?q=terrorism&xlang=0",
    "did you mean": "/search?q=securty",
    "similar passages": "/search?like={passage}",
    "bad request": "/search?page=0",
    "document view": "/doc/{doc}",
    "document with matches marked": "/doc/{doc}?q=security",
    "missing document": "/doc/no-such-document",
    "help": "/help",
    "results drawn as shares of each year": "/search?q=security&chart=share&year=2020",
    "trends, empty": "/trends",
    "trends of three searches": "/trends?q=security&q=terrorism&q=Shanghai",
    "trends of a search matching nothing": "/trends?q=zzqxjv",
    "trends with shared filters as chips": "/trends?q=security&q=terrorism&lang=en&not_topic=terrorism&from=2017",
    "results of a reported speaker": "/search?q=cooperation&reported=Vladimir+Putin",
    "document with whom each passage reports": "/doc/002_5053c25469639f1a",
    "results by dictionary form": "/search?q=" + quote("безопасность") + "&lang=ru",
}
ADMIN_PAGES = {
    "admin status": "/admin/",
    "admin documents": "/admin/documents",
    "admin document form": "/admin/document?path={path}",
    "admin upload": "/admin/upload",
    "admin preview": "/admin/preview",
    "admin preview of a file": "/admin/preview?path={path}",
    "admin progress": "/admin/progress",
    "admin missing document": "/admin/document?path=no-such-file.txt",
}
LOGIN_BUTTON = "form[action$=\"/admin/login\"] button[type=submit]"
SAVE_BUTTON = "form[action$=\"/admin/document\"] button[type=submit]"
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({rule: v.id, impact: v.impact,
                                      where: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def a_document(base: str) -> dict:
    """Return the top passage for 'security' (its id and document) and a corpus file, for the URLs above."""
    with urlopen(base + "/api/search?q=security&per_page=1") as response:
        hit = json.load(response)["hits"][0]
    corpus_file = sorted(CORPUS.glob("*.txt"))[0].name
    return {"doc": quote(hit["doc_id"]), "path": quote(corpus_file), "passage": quote(hit["passage_id"])}


def violations_here(page, axe_script) -> list[dict]:
    """Return axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(AXE_RUN, AXE_TAGS)


def violations(page, url: str, axe_script) -> list[dict]:
    """Open ``url`` and return axe-core's WCAG 2.1 A/AA violations there."""
    page.goto(url)
    return violations_here(page, axe_script)


def log_in(page, base: str) -> None:
    """Log in to the admin area through its form."""
    page.goto(base + "/admin/login")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.click(LOGIN_BUTTON)
    page.wait_for_url(base + "/admin/**")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_no_wcag_violation_on_any_page(browser, corpus_server, axe_script, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)  # lets axe be injected
    page = context.new_page()
    fields = a_document(corpus_server)
    found = {}
    found["admin login"] = violations(page, corpus_server + "/admin/login", axe_script)
    page.fill("input[name=password]", "a wrong password")
    page.click(LOGIN_BUTTON)
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() == 1
    found["admin login, wrong password"] = violations_here(page, axe_script)
    for name, path in PUBLIC_PAGES.items():
        found[name] = violations(page, corpus_server + path.format(**fields), axe_script)
    log_in(page, corpus_server)
    for name, path in ADMIN_PAGES.items():
        found[name] = violations(page, corpus_server + path.format(**fields), axe_script)
    page.goto(corpus_server + ADMIN_PAGES["admin document form"].format(**fields))
    page.fill("input[name=date]", "the thirty-first of Februar")
    page.click(SAVE_BUTTON)
    page.wait_for_load_state()
    assert page.get_attribute("input[name=date]", "aria-invalid") == "true"
    found["admin document form with an error"] = violations_here(page, axe_script)
    context.close()
    failing = {name: problems for name, problems in found.items() if problems}
    assert failing == {}, json.dumps(failing, indent=1)
