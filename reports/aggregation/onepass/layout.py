"""Which bit of which bigint word each option of a survey sets (reports/aggregation/onepass)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reports.aggregation.counts import kh_questions
from reports.aggregation.scope import Structure

WORD = 63  # bits per bigint word (the sign bit stays clear)
FIELD = 21  # bits per field of a packed sum (statement._packed): three to a word
# Bits of the first word of a response's profile.
POVERTY, NONE, SINGLE, MANY, USED = 0, 1, 2, 3, 4


@dataclass
class Layout:
    """Which bit of which word each option of the survey sets."""

    # option id → its word values (profile words, then pattern words), area rank, counted?
    options: dict[int, list[int]] = field(default_factory=dict)
    question_of: dict[int, int] = field(default_factory=dict)  # option id → its question
    area_rank: dict[int, int] = field(default_factory=dict)
    counted: set[int] = field(default_factory=set)
    profile_words: int = 1
    pattern_words: int = 0
    # summed per group of step 2: name → (word, bit)
    sums: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    # pattern bits of step 3: (word, bit) → (question, option)
    pattern_bits: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # per question counted in total: (word, mask)
    fields: dict[int, tuple[int, int]] = field(default_factory=dict)
    barrier_masks: dict[int, int] = field(default_factory=dict)
    missing_masks: dict[int, int] = field(default_factory=dict)
    # links: question id → bits of the links on it (answered the question)
    link_questions: dict[int, int] = field(default_factory=dict)
    answered: list[int] = field(default_factory=list)  # link ids, by their bit in "lq"
    barriers: set[int] = field(default_factory=set)

    def set(self, option: int, word: int, bit: int) -> None:
        values = self.options.setdefault(option, [0] * (self.profile_words + self.pattern_words))
        values[word] |= 1 << bit


class TooWide(ValueError):
    """A question has more options than a word has bits."""


class _Bits:
    """Hands out bits word by word."""

    def __init__(self) -> None:
        self.word, self.next = 0, 0

    def take(self, count: int = 1) -> tuple[int, int]:
        if count > WORD:
            raise TooWide(f"{count} options")
        if self.next + count > WORD:
            self.word, self.next = self.word + 1, 0
        at = (self.word, self.next)
        self.next += count
        return at

    @property
    def words(self) -> int:
        return self.word + 1 if self.next else self.word


class _Spread:
    """Hands out single bits of the profile words in the order that packs their sums
    tightest: a sum adds up bits i, i + FIELD and i + 2·FIELD of a word at once
    (statement._packed), so the bits fill those three fields side by side, and 3·n bits
    need n sums where filling one field after the other needed up to FIELD."""

    ORDER = [i + FIELD * f for i in range(FIELD) for f in range(3)]

    def __init__(self, reserved: int) -> None:
        self.word, self.taken = 0, set(range(reserved))

    def take(self) -> tuple[int, int]:
        for bit in self.ORDER:
            if bit not in self.taken:
                self.taken.add(bit)
                return self.word, bit
        self.word, self.taken = self.word + 1, {0}
        return self.word, 0

    @property
    def words(self) -> int:
        return self.word + 1


def layout(s: Structure, links: list[Any]) -> Layout:
    """The bits of the survey's options: profile flags, barrier codes, the options counted
    per dimension and the link options in the profile words; the options counted only in
    total in pattern words, each question's options side by side in one word."""
    out = Layout()
    profile = _Spread(reserved=USED + 1)  # the five flags
    barrier_questions = [q for q, (_, key) in s.reach.items() if key == "barriers"]
    out.barriers = set(barrier_questions)
    codes = sorted(
        {s.option_code[o] for o, q in s.option_question.items() if q in barrier_questions}
    )
    code_bit = {code: profile.take() for code in codes}
    kh = kh_questions(s)
    kh_bit = {o: profile.take() for o, q in sorted(s.option_question.items()) if q in kh}
    link_bit = {link.pk: profile.take() for link in links}
    out.answered = [link.pk for link in links]
    answered_bit = {pk: i for i, pk in enumerate(out.answered)}
    patterns = _Bits()
    totals = [*[q for q in s.reach if q not in kh], *s.missing_choices]
    field_of: dict[int, tuple[int, int]] = {}
    for question in totals:
        options = [o for o, q in sorted(s.option_question.items()) if q == question]
        if options:
            field_of[question] = patterns.take(len(options))
    out.profile_words, out.pattern_words = profile.words, patterns.words

    flags = (
        (s.poverty_options, POVERTY),
        (s.none_options, NONE),
        (s.single_options, SINGLE),
        (s.many_options, MANY),
        (s.used_options, USED),
    )
    for options, bit in flags:
        for option in options:
            out.set(option, 0, bit)
    for option, question in s.option_question.items():
        if question in barrier_questions:
            out.set(option, *code_bit[s.option_code[option]])
    for code, at in code_bit.items():
        out.sums[("b", code)] = at
    for option, at in kh_bit.items():
        out.set(option, *at)
        out.sums[("r", s.option_question[option], option)] = at
    out.question_of = dict(s.option_question)
    for link in links:
        for option in link.options.all():
            out.question_of[option.pk] = option.question_id
            # The portable count asks for the link's question and one of its options.
            if option.question_id == link.question_id:
                out.set(option.pk, *link_bit[link.pk])
        out.sums[("link", link.pk)] = link_bit[link.pk]
        out.link_questions[link.question_id] = out.link_questions.get(link.question_id, 0) | (
            1 << answered_bit[link.pk]
        )
    for question, (word, start) in field_of.items():
        options = [o for o, q in sorted(s.option_question.items()) if q == question]
        mask = 0
        for i, option in enumerate(options):
            at = (out.profile_words + word, start + i)
            out.set(option, *at)
            out.pattern_bits[(word, start + i)] = (question, option)
            mask |= 1 << (start + i)
        out.fields[question] = (word, mask)
        target = out.barrier_masks if question in barrier_questions else out.missing_masks
        target[word] = target.get(word, 0) | mask
    for rank, option in enumerate(sorted(s.area_options), start=1):
        out.area_rank[option] = rank
        out.options.setdefault(option, [0] * (out.profile_words + out.pattern_words))
    out.counted = {
        o for o, q in s.option_question.items() if q in s.reach or q in s.missing_choices
    }
    for option in out.counted:
        out.options.setdefault(option, [0] * (out.profile_words + out.pattern_words))
    return out
