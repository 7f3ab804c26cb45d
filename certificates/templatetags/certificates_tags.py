from django import template

from ..permissions import can_issue_for_cohorts, is_certificate_officer

register = template.Library()


@register.filter
def certificate_officer(user) -> bool:
    return is_certificate_officer(user)


@register.filter
def certificate_cohorts(user) -> bool:
    return can_issue_for_cohorts(user)
