from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Any

import pytest

from surveys import block_texts
from surveys.block_texts import (
    FAMILY_BLOCK,
    FORM_TEXTS,
    LANGUAGES,
    MISSING_BLOCK,
    REACH_BLOCK,
    RIGHT_TO_LEFT,
)

BLOCKS = {
    "REACH_BLOCK": REACH_BLOCK,
    "FAMILY_BLOCK": FAMILY_BLOCK,
    "MISSING_BLOCK": MISSING_BLOCK,
    "FORM_TEXTS": FORM_TEXTS,
}
ARABIC = re.compile(r"[\u0600-\u06FF]")
MAX_LEICHTE_SPRACHE_WORDS = 15


def _is_leaf(node: dict[Any, Any]) -> bool:
    return bool(node) and all(isinstance(value, str) for value in node.values())


def _leaves(node: Any, path: str) -> Iterator[tuple[str, dict[str, str]]]:
    assert isinstance(node, dict), f"{path}: expected a dict, got {type(node).__name__}"
    if _is_leaf(node):
        yield path, node
        return
    for key, value in node.items():
        assert not isinstance(value, str), f"{path}: mixes texts and sub-entries at {key!r}"
        yield from _leaves(value, f"{path}.{key}")


def _all_leaves() -> list[tuple[str, dict[str, str]]]:
    return [leaf for name, block in BLOCKS.items() for leaf in _leaves(block, name)]


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


LEAVES = _all_leaves()
LEAF_IDS = [path for path, _ in LEAVES]


def test_languages() -> None:
    assert list(LANGUAGES) == ["de", "de-ls", "en", "tr", "ar"]
    assert set(RIGHT_TO_LEFT) == {"ar"}
    assert set(RIGHT_TO_LEFT).issubset(block_texts.LANGUAGES)


def test_there_are_many_texts() -> None:
    assert len(LEAVES) > 100


@pytest.mark.parametrize(("path", "leaf"), LEAVES, ids=LEAF_IDS)
def test_every_leaf_has_exactly_the_five_languages(path: str, leaf: dict[str, str]) -> None:
    assert list(leaf) == LANGUAGES, path
    for language, text in leaf.items():
        assert text.strip(), f"{path} [{language}] is empty"
        assert text == text.strip(), f"{path} [{language}] has surrounding whitespace"


@pytest.mark.parametrize(("path", "leaf"), LEAVES, ids=LEAF_IDS)
def test_placeholders_are_the_same_in_every_language(path: str, leaf: dict[str, str]) -> None:
    expected = _placeholders(leaf["de"])
    assert expected <= {"offering", "district"}, path
    for language, text in leaf.items():
        assert _placeholders(text) == expected, f"{path} [{language}]"
        text.format(offering="Familienzentrum", district="Neukölln")


def test_reach_questions_name_the_offering() -> None:
    for part in ("known", "helpful", "barriers"):
        for language, text in REACH_BLOCK[part]["question"].items():
            assert "{offering}" in text, f"{part} [{language}]"


def test_information_text_names_the_district() -> None:
    for language, text in FORM_TEXTS["info"]["who"].items():
        assert "{district}" in text, language


def test_reach_answers_have_the_three_keys() -> None:
    assert list(REACH_BLOCK["known"]["answers"]) == ["not_known", "known_not_used", "used"]
    assert REACH_BLOCK["known"]["answers"]["not_known"]["de"] == "Kenne ich nicht"
    assert REACH_BLOCK["known"]["answers"]["known_not_used"]["de"] == (
        "Kenne ich, nutze ich aber nicht"
    )
    assert REACH_BLOCK["known"]["answers"]["used"]["de"].startswith("Nutze ich")


def test_helpfulness_scale_has_five_steps_and_cannot_say() -> None:
    assert list(REACH_BLOCK["helpful"]["scale"]) == [1, 2, 3, 4, 5]
    assert set(REACH_BLOCK["helpful"]["cannot_say"]) == set(LANGUAGES)


def test_barrier_options_are_keyed_1_to_19() -> None:
    options = REACH_BLOCK["barriers"]["options"]
    assert list(options) == list(range(1, 20))
    assert options[1]["de"] == "Ich wusste nicht, dass es das Angebot gibt."
    assert options[18]["de"].startswith("Etwas anderes")
    assert options[19]["de"] == "Nichts hat es schwer gemacht."
    assert set(REACH_BLOCK["barriers"]["other_prompt"]) == set(LANGUAGES)


def test_family_block_questions_are_optional_with_a_hint() -> None:
    questions = ["household", "children", "age_groups", "benefits", "home_area", "languages"]
    for name in questions:
        assert set(FAMILY_BLOCK[name]["hint"]) == set(LANGUAGES), name
        assert "options" in FAMILY_BLOCK[name], name
    assert "dont_know" in FAMILY_BLOCK["home_area"]["options"]
    assert "other" in FAMILY_BLOCK["languages"]["options"]
    assert set(FAMILY_BLOCK["benefits"]["options"]) == {
        "basic_income_support",
        "child_supplement",
        "housing_benefit",
        "education_participation",
        "berlinpass",
        "none",
        "prefer_not_to_say",
    }


def test_free_text_warns_against_names() -> None:
    warning = MISSING_BLOCK["free_text"]["privacy_warning"]
    assert "Namen" in warning["de"]
    assert "names" in warning["en"]


@pytest.mark.parametrize(
    "name",
    ["Jobcenter", "Bürgergeld", "Kinderzuschlag", "Wohngeld", "BuT", "berlinpass"],
)
def test_institution_names_stay_recognisable(name: str) -> None:
    for language in ("de", "en", "tr", "ar"):
        texts = [leaf[language] for _, leaf in LEAVES]
        assert any(name in text for text in texts), f"{name} missing in {language}"


@pytest.mark.parametrize(("path", "leaf"), LEAVES, ids=LEAF_IDS)
def test_arabic_texts_are_in_arabic_script(path: str, leaf: dict[str, str]) -> None:
    assert ARABIC.search(leaf["ar"]), path


@pytest.mark.parametrize(("path", "leaf"), LEAVES, ids=LEAF_IDS)
def test_turkish_is_not_english(path: str, leaf: dict[str, str]) -> None:
    assert leaf["tr"] != leaf["en"], path


@pytest.mark.parametrize(("path", "leaf"), LEAVES, ids=LEAF_IDS)
def test_leichte_sprache_sentences_are_short(path: str, leaf: dict[str, str]) -> None:
    for sentence in re.split(r"[.!?]", leaf["de-ls"]):
        words = sentence.split()
        assert len(words) <= MAX_LEICHTE_SPRACHE_WORDS, f"{path}: {sentence.strip()!r}"
