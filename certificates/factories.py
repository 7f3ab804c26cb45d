"""Test data for certificates, usable by other apps' tests (the credentials
app builds on these). Certificates are made through the real service."""

import factory

from accounts.factories import UserFactory
from accounts.roles import Role
from cms.factories import CoursePageFactory, ProgrammePageFactory, site_with_home, translate_page

from .models import Certificate, CertificationRule


class CertificationRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationRule

    version = factory.Sequence(lambda n: n + 1)
    requires_completion = True
    validity_months = 36


def course_with_programme(*, code: str = "MF", title_ar: str = "الوساطة الأسرية: الأسس", title_fr: str = "Médiation familiale : les bases", hours: int = 30, french: bool = True):
    """An Arabic programme and course (with French translations), under the site's home page."""
    home = site_with_home()
    programme = ProgrammePageFactory(parent=home, title="الوساطة الأسرية", code=code)
    course = CoursePageFactory(parent=programme, title=title_ar, duration_hours=hours)
    if french:
        translate_page(programme, "fr", title="Médiation familiale")
        translate_page(course, "fr", title=title_fr)
    return programme, course


def rule_for(course, **fields) -> CertificationRule:
    latest = CertificationRule.objects.filter(course=course).order_by("-version").first()
    return CertificationRuleFactory(course=course, version=(latest.version + 1 if latest else 1), **fields)


def certificate_make(*, holder=None, course=None, rule=None, issued_by=None, issued_at=None, **holder_fields) -> Certificate:
    """An issued certificate (through ``certificate_issue``), creating what is missing."""
    from .services import certificate_issue

    if course is None:
        _programme, course = course_with_programme()
    if holder is None:
        holder = UserFactory(roles=[Role.TRAINEE], **holder_fields)
    rule = rule or CertificationRule.objects.filter(course=course).order_by("-version").first() or rule_for(course)
    certificate, _created = certificate_issue(holder=holder, course=course, rule=rule, issued_by=issued_by, issued_at=issued_at)
    return certificate
