"""The certification rules told in words, in Arabic and French: printed in
the officer's screens and carried by the signed credential's ``criteria``."""

from django.utils import translation
from django.utils.translation import gettext, ngettext

from .models import CertificationRule


def rule_requirements(rule: CertificationRule) -> list[str]:
    """One sentence per requirement, in the active language."""
    sentences = []
    if rule.requires_completion:
        sentences.append(gettext("Complete every required module of the course."))
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
    result = {}
    for language in ("ar", "fr"):
        own = rule.criteria_ar if language == "ar" else rule.criteria_fr
        if own.strip():
            result[language] = own.strip()
            continue
        with translation.override(language):
            result[language] = " ".join(rule_requirements(rule))
    return result
