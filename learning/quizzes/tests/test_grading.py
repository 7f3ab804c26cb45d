"""Every question type's grading, on frozen snapshots (no database)."""

from decimal import Decimal

import pytest

from learning.quizzes.grading import grade_response, grade_rubric, parse_number, percent, short_answer_matches

D = Decimal


def choice(kind="single_choice", scoring=None, credits=(100, 0, 0)):
    snapshot = {
        "type": kind,
        "points": "1",
        "options": [{"id": 10 + i, "text": {"ar": f"خيار {i}"}, "credit": str(c), "feedback": {}} for i, c in enumerate(credits)],
    }
    if scoring:
        snapshot["scoring"] = scoring
    return snapshot


# --- single choice and true/false -----------------------------------------


@pytest.mark.parametrize(
    ("response", "fraction"),
    [(10, D("1")), (11, D("0")), (None, D("0"))],
    ids=["right", "wrong", "unanswered"],
)
def test_single_choice(response, fraction):
    assert grade_response(choice(), response).fraction == fraction


def test_single_choice_partial_credit_option():
    # given a "nearly right" option worth half the points
    snapshot = choice(credits=(100, 50, 0))
    # then choosing it earns half
    assert grade_response(snapshot, 11).fraction == D("0.5")


def test_negative_credit_never_goes_below_zero():
    assert grade_response(choice(credits=(100, -50)), 11).fraction == D("0")


def test_true_false_records_the_chosen_option_for_its_feedback():
    snapshot = choice("true_false", credits=(0, 100))
    grade = grade_response(snapshot, 11)
    assert grade.fraction == D("1")
    assert grade.detail == {"chosen": [11]}


# --- multiple response -------------------------------------------------------

MULTI_CREDITS = (50, 50, -50, -50)  # two right options, two wrong


@pytest.mark.parametrize(
    ("response", "partial", "all_or_nothing"),
    [
        ([10, 11], D("1"), D("1")),
        ([10], D("0.5"), D("0")),
        ([10, 11, 12], D("0.5"), D("0")),
        ([10, 12], D("0"), D("0")),
        ([12, 13], D("0"), D("0")),
        ([10, 11, 12, 13], D("0"), D("0")),
        (None, D("0"), D("0")),
    ],
)
def test_multiple_response(response, partial, all_or_nothing):
    assert grade_response(choice("multiple_response", "partial", MULTI_CREDITS), response).fraction == partial
    assert grade_response(choice("multiple_response", "all_or_nothing", MULTI_CREDITS), response).fraction == all_or_nothing


def test_partial_credit_with_thirds_rounds_to_five_places():
    snapshot = choice("multiple_response", "partial", ("33.33333", "33.33333", "33.33334", "-100"))
    assert grade_response(snapshot, [10, 11]).fraction == D("0.66667")
    assert grade_response(snapshot, [10, 11, 12]).fraction == D("1")


# --- short answer: Arabic and French normalisation ---------------------------


def short(texts, accents_matter=False, credit="100", extra=()):
    answers = [{"id": 1, "texts": texts, "credit": credit, "feedback": {}}]
    answers += [{"id": 2 + i, "texts": t, "credit": c, "feedback": {}} for i, (t, c) in enumerate(extra)]
    return {"type": "short_answer", "points": "1", "accents_matter": accents_matter, "answers": answers}


@pytest.mark.parametrize(
    ("accepted", "typed"),
    [
        ("الوساطة", "الوَسَاطَة"),  # short vowels (tashkeel)
        ("الوساطة", "الوســـاطة"),  # tatweel
        ("الوساطة", "الوساطه"),  # taa marbuta typed as haa
        ("إصغاء", "اصغاء"),  # alef with hamza below / bare alef
        ("أسرة", "اسره"),  # hamza on alef and taa marbuta together
        ("آباء", "اباء"),  # alef madda
        ("مستشفى", "مستشفي"),  # alef maqsura / yaa
        ("مسؤولية", "مسوولية"),  # hamza on waw
        ("الإنصات الفعال", "  الانصات   الفعّال "),  # shadda and extra spaces
        ("Médiation", "médiation"),  # case
        ("médiation", "MEDIATION"),  # accents optional by default
        ("écoute active", "Ecoute   active"),
        ("الحياد*", "الحياد التام"),  # Moodle wildcard
    ],
)
def test_short_answer_matches_despite_spelling_variants(accepted, typed):
    assert grade_response(short([accepted]), typed).fraction == D("1")


@pytest.mark.parametrize(
    ("accepted", "typed"),
    [
        ("الوساطة", "الوسيط"),  # a different word
        ("الوساطة", "الوساطة الأسرية"),  # more than the answer
        ("neutralité", "neutralite"),  # accents required by this question
        ("",  ""),
    ],
)
def test_short_answer_rejects_different_answers(accepted, typed):
    accents = accepted == "neutralité"
    assert grade_response(short([accepted], accents_matter=accents), typed).fraction == D("0")


def test_short_answer_accepts_either_language_and_takes_the_best_credit():
    # given one accepted answer in both languages and a half-credit answer
    snapshot = short(["الحياد", "neutralité"], extra=[(["التوازن"], "50")])
    # then each language earns full marks, the partial one half, with its feedback id
    assert grade_response(snapshot, "Neutralité").fraction == D("1")
    assert grade_response(snapshot, "الْحِيَاد").fraction == D("1")
    half = grade_response(snapshot, "التوازن")
    assert half.fraction == D("0.5")
    assert half.detail == {"chosen": [2]}
    assert grade_response(snapshot, None).fraction == D("0")


def test_wildcard_is_not_a_regular_expression():
    assert short_answer_matches("a.b", "axb", accents_matter=False) is False
    assert short_answer_matches("(نعم)", "(نعم)", accents_matter=False) is True


# --- numeric -------------------------------------------------------------


def numeric(value="3.5", tolerance="0.1", extra=()):
    answers = [{"id": 1, "value": value, "tolerance": tolerance, "credit": "100", "feedback": {}}]
    answers += [{"id": 2 + i, "value": v, "tolerance": t, "credit": c, "feedback": {}} for i, (v, t, c) in enumerate(extra)]
    return {"type": "numeric", "points": "2", "answers": answers}


@pytest.mark.parametrize(
    ("typed", "fraction"),
    [
        ("3.5", D("1")),
        ("3,5", D("1")),  # French decimal comma
        ("٣٫٥", D("1")),  # Arabic-Indic digits and decimal separator
        ("3.6", D("1")),  # within the tolerance
        ("3.4", D("1")),
        ("3.61", D("0")),
        ("-3.5", D("0")),
        ("", D("0")),
        (None, D("0")),
    ],
)
def test_numeric_with_tolerance(typed, fraction):
    assert grade_response(numeric(), typed).fraction == fraction


def test_numeric_partial_answer():
    snapshot = numeric("40", "0", extra=[("40", "5", "50")])
    assert grade_response(snapshot, "٤٠").fraction == D("1")
    assert grade_response(snapshot, "43").fraction == D("0.5")


@pytest.mark.parametrize("text", ["abc", "3.5.1", "1e", "nan", "inf", "١٢x"])
def test_parse_number_refuses_what_is_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("1 000", D("1000")), ("−2", D("-2")), (".5", D("0.5")), ("۱۲", D("12"))])
def test_parse_number(text, value):
    assert parse_number(text) == value


# --- matching and ordering -------------------------------------------------

MATCHING = {
    "type": "matching",
    "points": "1",
    "prompts": [{"id": 1, "text": {}}, {"id": 2, "text": {}}, {"id": 3, "text": {}}, {"id": 4, "text": {}}],
    "choices": [{"id": 1, "text": {}}, {"id": 2, "text": {}}, {"id": 3, "text": {}}, {"id": 9, "text": {}}],
    "key": {"1": 1, "2": 2, "3": 3, "4": 1},  # prompts 1 and 4 share an answer
}


@pytest.mark.parametrize(
    ("response", "fraction"),
    [
        ({"1": 1, "2": 2, "3": 3, "4": 1}, D("1")),
        ({"1": 1, "2": 2, "3": 9, "4": 1}, D("0.75")),
        ({"1": 2, "2": 1}, D("0")),
        (None, D("0")),
    ],
)
def test_matching_credits_each_right_pair(response, fraction):
    assert grade_response(MATCHING, response).fraction == fraction


ORDERING = {"type": "ordering", "points": "1", "items": [], "key": [1, 2, 3, 4, 5]}


@pytest.mark.parametrize(
    ("response", "fraction"),
    [
        ([1, 2, 3, 4, 5], D("1")),
        ([2, 3, 4, 5, 1], D("0.75")),  # one item moved: 3 of 4 successions right
        ([1, 2, 4, 3, 5], D("0.25")),
        ([5, 4, 3, 2, 1], D("0")),
        (None, D("0")),
    ],
)
def test_ordering_credits_each_right_succession(response, fraction):
    assert grade_response(ORDERING, response).fraction == fraction


# --- scenario and essay -----------------------------------------------------


def test_scenario_weights_its_parts_by_points():
    # given a case with a 1-point choice and a 3-point short answer
    first = {**choice(), "id": 101, "points": "1"}
    second = {**short(["الحوار"]), "id": 102, "points": "3"}
    snapshot = {"type": "scenario", "points": "1", "parts": [first, second]}
    # when only the short answer is right
    grade = grade_response(snapshot, {"101": 11, "102": "الحِوار"})
    # then 3 of 4 points, with each part's result kept for the review
    assert grade.fraction == D("0.75")
    assert grade.detail["parts"]["102"]["fraction"] == "1.00000"
    assert grade_response(snapshot, None).fraction == D("0")


def test_essay_rubric():
    snapshot = {"type": "essay", "points": "10", "rubric": [{"id": 1, "max_points": "4", "title": {}}, {"id": 2, "max_points": "6", "title": {}}]}
    assert grade_rubric(snapshot, {"1": D("4"), "2": D("3")}).fraction == D("0.7")
    with pytest.raises(ValueError):
        grade_response(snapshot, "نص")


def test_essay_without_rubric_is_scored_out_of_its_points():
    snapshot = {"type": "essay", "points": "5", "rubric": []}
    assert grade_rubric(snapshot, {"overall": D("4")}).fraction == D("0.8")


def test_percent_is_bounded():
    assert percent(D("3"), D("4")) == D("75.00")
    assert percent(D("0"), D("0")) == D("0.00")
