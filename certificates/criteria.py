"""The certification rules told in words, in Arabic and French: printed in
the officer's screens and carried by the signed credential's ``criteria``."""

from django.utils.translation import gettext, ngettext

from .i18n import in_both_languages
from .models import CertificationRule


def rule_requirements(rule: CertificationRule) -> list[str]:
    """One sentence per requirement, in the active language. Prefetch
    ``required_quizzes__quiz`` to read many rules without a query each."""
    sentences = []
    if rule.requires_completion:
        sentences.append(gettext("Complete every required module of the course."))
    for item in rule.required_quizzes.all():
        sentences.append(
            gettext("Pass the quiz “%(quiz)s” with at least %(score)s%%.")
            % {"quiz": item.quiz.title, "score": f"{item.min_score_percent.normalize():f}"}
        )
    if rule.requires_sign_off:
        sentences.append(gettext("Be signed off by a trainer after a practical assessment."))
    if rule.validity_months:
        sentences.append(
            ngettext(
                "The certificate is valid for %(count)d month.",
                "The certificate is valid for %(count)d months.",
                rule.validity_months,
            )
            % {"count": rule.validity_months}
        )
    else:
        sentences.append(gettext("The certificate does not expire."))
    return sentences


def rule_criteria(rule: CertificationRule) -> dict:
    """``{"ar": …, "fr": …}``: the officer's own narrative when given, else
    the requirements in words."""
    generated = in_both_languages(lambda: " ".join(rule_requirements(rule)))
    own = {"ar": rule.criteria_ar.strip(), "fr": rule.criteria_fr.strip()}
    return {language: own[language] or generated[language] for language in generated}
