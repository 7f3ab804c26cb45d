"""Answers for tests, worked out from an attempt's frozen questions."""

from decimal import Decimal


def right_answer(snapshot: dict):
    """The raw answer (as the form would send it) that earns full marks."""
    kind = snapshot["type"]
    if kind in ("single_choice", "true_false"):
        return str(max(snapshot["options"], key=lambda o: Decimal(o["credit"]))["id"])
    if kind == "multiple_response":
        return [str(o["id"]) for o in snapshot["options"] if Decimal(o["credit"]) > 0]
    if kind == "short_answer":
        return snapshot["answers"][0]["texts"][0]
    if kind == "numeric":
        return snapshot["answers"][0]["value"]
    if kind == "matching":
        return {prompt: str(choice) for prompt, choice in snapshot["key"].items()}
    if kind == "ordering":
        return {str(item): str(rank) for rank, item in enumerate(snapshot["key"], start=1)}
    if kind == "scenario":
        return {str(part["id"]): right_answer(part) for part in snapshot["parts"]}
    if kind == "essay":
        return "الوساطة تحترم إرادة الطرفين وتبحث عن مصلحة الطفل."
    raise ValueError(kind)


def wrong_answer(snapshot: dict):
    kind = snapshot["type"]
    if kind in ("single_choice", "true_false"):
        return str(min(snapshot["options"], key=lambda o: Decimal(o["credit"]))["id"])
    if kind == "multiple_response":
        return [str(o["id"]) for o in snapshot["options"] if Decimal(o["credit"]) <= 0]
    if kind == "short_answer":
        return "جواب آخر"
    if kind == "numeric":
        return "999999"
    return None


def answers_for(attempt, answer=right_answer) -> dict[int, object]:
    return {aq.position: answer(aq.snapshot) for aq in attempt.questions.order_by("position")}
