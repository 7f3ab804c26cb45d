from django import template

from ..permissions import is_certificate_officer

register = template.Library()


@register.filter
def certificate_officer(user) -> bool:
    return is_certificate_officer(user)
