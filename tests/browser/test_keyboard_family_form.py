"""A family that cannot use a mouse or touch screen answers the whole survey in Leichte
Sprache with the keyboard alone (Tab, Space, Enter, arrow keys): every question is
reachable in order and the focus is always visible (WCAG 2.1.1, 2.4.3, 2.4.7)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from surveys.models import Question, Response
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_family_form import phone, point  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

# What the keyboard has on focus: the element, the question it belongs to, and whether a
# focus ring (an outline of at least 2px on it or on its answer box) shows where it is.
FOCUSED = """() => {
    const el = document.activeElement;
    const q = el.closest(".q");
    const label = q && q.querySelector("legend, .qlabel");
    const ring = [el, el.parentElement].some((n) => {
        const s = getComputedStyle(n);
        return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    });
    return {
        tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
        value: el.value || "", text: el.innerText ? el.innerText.trim() : "",
        checked: Boolean(el.checked), question: label ? label.textContent.trim() : null, ring,
    };
}"""


def tab(page, *, back: bool = False) -> dict:
    page.keyboard.press("Shift+Tab" if back else "Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["ring"], f"no visible focus on {focused} ({page.url})"
    return focused


def tab_to(page, text: str) -> None:
    for _ in range(30):
        if tab(page)["text"] == text:
            return
    raise AssertionError(f"Tab never reaches {text!r} on {page.url}")


def press_enter(page) -> None:
    """Enter on a link or submit button, waiting for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def answer_by_keyboard(page, radio_keys: dict[int, tuple[str, ...]] | None = None) -> list[str]:
    """Tab through one page from its top to the submit button, answering on the way: the
    first answer of every radio group (or `radio_keys[group number]`, e.g. arrow keys) and
    of every checkbox list, some text. Returns the questions in the order focus met them."""
    radio_keys = radio_keys or {}
    on_page = [text.strip() for text in page.locator(".q legend, .q .qlabel").all_inner_texts()]
    reached: list[str] = []
    answered: set[str] = set()
    for _ in range(120):
        focused = tab(page)
        if focused["question"] and focused["question"] not in reached:
            reached.append(focused["question"])
        kind, name = focused["type"], focused["name"]
        if focused["tag"] == "button" and focused["value"] in ("next", "send"):
            break
        if name in answered or not name or name == "website":
            continue
        if kind == "radio":
            for key in radio_keys.get(len(answered), ("Space",)):
                page.keyboard.press(key)
        elif kind == "checkbox":
            page.keyboard.press("Space")
        elif focused["tag"] == "textarea" or kind == "number":
            page.keyboard.type("2" if kind == "number" else "Mehr Kita-Plätze")
        else:
            continue
        answered.add(name)
    else:
        raise AssertionError(f"Tab never reaches the submit button on {page.url}")
    assert reached == on_page, f"focus order {reached} is not the page's {on_page}"
    # Shift+Tab from the submit button goes back into the last question.
    assert tab(page, back=True)["question"] == on_page[-1]
    tab(page)
    press_enter(page)
    return reached


def test_a_family_answers_in_leichte_sprache_with_the_keyboard_alone(phone, live_server, point):  # noqa: F811
    page = phone(javascript=True)
    page.goto(live_server.url + point.get_absolute_url())
    tab_to(page, "Leichte Sprache")
    press_enter(page)
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".langs [aria-current]")).to_have_text("Leichte Sprache")
    assert_no_serious_violations(page, "family form start, Leichte Sprache")
    tab_to(page, page.locator("form button[type=submit]").inner_text().strip())
    press_enter(page)

    # Arrow keys choose within a radio group: "I know it but do not use it" for the first
    # offering (its barriers page follows), "used" for the second (its helpful scale).
    expect(page.locator("progress")).to_have_attribute("value", "1")
    assert_no_serious_violations(page, "family form, Leichte Sprache, first page")
    seen = answer_by_keyboard(page, {0: ("ArrowDown",), 1: ("ArrowDown", "ArrowDown")})
    assert len(seen) == 3
    assert_no_serious_violations(page, "family form, Leichte Sprache, multiple choice")
    seen += answer_by_keyboard(page)  # barriers (checkboxes)
    assert_no_serious_violations(page, "family form, Leichte Sprache, scale")
    seen += answer_by_keyboard(page)  # helpful (scale)
    seen += answer_by_keyboard(page)  # the family
    expect(page.locator("button[value=send]")).to_be_visible()
    assert_no_serious_violations(page, "family form, Leichte Sprache, last page")
    seen += answer_by_keyboard(page)  # what is missing, yes/no, number

    expect(page.locator("h1")).to_have_text("Danke!")
    response = Response.objects.get()
    assert response.language == "de-ls"
    questions = Question.objects.filter(answers__response=response).distinct()
    assert questions.count() == len(seen)
    assert questions.get(kind=Question.Kind.NUMBER).answers.get().number == 2
    assert {q.kind for q in questions} == set(Question.Kind.values)
