import pytest

from cms.factories import translate_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_direction_and_language_switcher(page, home_page):
    translate_page(home_page, "fr", title="Académie Jisr")

    # Arabic first, right to left
    page.goto("/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1").inner_text() == "أكاديمية جسر"

    # switch to French from the switcher
    page.locator("button[data-language=fr]").click()
    page.wait_for_url("**/fr/")
    assert html.get_attribute("lang") == "fr"
    assert html.get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Académie Jisr"
    assert page.locator(".language-switcher__current").inner_text() == "Français"

    # the choice sticks: the unprefixed address now opens in French
    page.goto("/")
    assert page.url.endswith("/fr/")
    assert html.get_attribute("dir") == "ltr"

    # and switching back to Arabic works
    page.locator("button[data-language=ar]").click()
    page.wait_for_function("document.documentElement.dir === 'rtl'")
    assert page.locator("h1").inner_text() == "أكاديمية جسر"

    # nothing overflows a 360 px phone screen
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
