"""Demo certificates: one valid (listed in the registry by its holder), one
expired, one suspended and one revoked, each held by its own demo trainee.
seed_demo calls ``load`` (settings.DEMO_LOADERS); a second run changes nothing.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from accounts.models import User
from accounts.regions import Region
from accounts.roles import Role
from cms.models import CoursePage, ProgrammePage

from .models import Certificate, CertificationRule, RevocationReason
from .services import certificate_issue, certificate_registry_set, certificate_revoke, certificate_suspend

RULE = {
    "requires_completion": True,
    # Mediators are certified after a practical assessment a trainer signs
    # off: demo trainees who finish the course wait for it on the cohort page.
    "requires_sign_off": True,
    "validity_months": 36,
    "renewal_window_days": 90,
    "criteria_ar": "إتمام جميع وحدات المسار التكويني في الوساطة الأسرية واجتياز تقييماته وتقييم عملي يصادق عليه المكوّن، مع احترام ميثاق أخلاقيات الوسيط الأسري.",
    "criteria_fr": "Avoir terminé tous les modules de la formation à la médiation familiale et réussi ses évaluations ainsi qu'une évaluation pratique validée par un formateur, dans le respect de la charte éthique du médiateur familial.",
}

# Used only when no demo course exists yet under the mediation programme.
FALLBACK_COURSE = {
    "slug": "bases-mediation-familiale",
    "title": "أساسيات الوساطة الأسرية",
    "title_fr": "Les bases de la médiation familiale",
    "summary": "مدخل إلى دور الوسيط الأسري: الحياد والإنصات والتفاوض من أجل حلول توافقية تحفظ مصلحة الأطفال.",
    "summary_fr": "Une introduction au rôle du médiateur familial : neutralité, écoute et négociation vers des solutions consensuelles qui préservent l'intérêt des enfants.",
    "duration_hours": 40,
}

# (state, e-mail, Arabic name, given name, family name, region)
HOLDERS = [
    ("valid", "amina.valid@demo.jisr.ma", "أمينة الفاسي", "Amina", "El Fassi", Region.MARRAKECH_SAFI),
    ("expired", "hassan.expired@demo.jisr.ma", "حسن بوزيد", "Hassan", "Bouzid", Region.TANGER_TETOUAN_AL_HOCEIMA),
    ("suspended", "khadija.suspended@demo.jisr.ma", "خديجة المرابط", "Khadija", "El Mrabet", Region.BENI_MELLAL_KHENIFRA),
    ("revoked", "omar.revoked@demo.jisr.ma", "عمر الصنهاجي", "Omar", "Sanhaji", Region.FES_MEKNES),
]


def _demo_course(result) -> CoursePage | None:
    arabic = Locale.objects.get(language_code="ar")
    programme = ProgrammePage.objects.filter(locale=arabic, code="MF").order_by("path").first()
    if programme is None:
        result.notes.append("Certificates: no mediation programme (code MF); demo certificates skipped.")
        return None
    course = CoursePage.objects.child_of(programme).filter(locale=arabic).live().order_by("path").first()
    if course is not None:
        return course.specific
    course = CoursePage(
        slug=FALLBACK_COURSE["slug"],
        title=FALLBACK_COURSE["title"],
        summary=FALLBACK_COURSE["summary"],
        duration_hours=FALLBACK_COURSE["duration_hours"],
        locale=arabic,
    )
    programme.add_child(instance=course)
    course.save_revision().publish()
    french = Locale.objects.filter(language_code="fr").first()
    if french is not None and programme.get_translation_or_none(french) is not None:
        translation = course.copy_for_translation(french, copy_parents=False, alias=False).specific
        translation.title = FALLBACK_COURSE["title_fr"]
        translation.summary = FALLBACK_COURSE["summary_fr"]
        translation.save_revision().publish()
    result.track(True)
    return course


def _demo_rule(course, result) -> CertificationRule:
    rule = CertificationRule.objects.filter(course=course).order_by("-version").first()
    if rule is None:
        rule = CertificationRule.objects.create(course=course, version=1, **RULE)
        result.track(True)
    return rule


def _demo_holder(email, name_ar, given, family, region, result) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"full_name_ar": name_ar, "first_name": given, "last_name": family, "region": region, "preferred_language": "ar"},
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=Role.TRAINEE.value))
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    result.track(created)
    return user


def load(result) -> None:
    course = _demo_course(result)
    if course is None:
        return
    rule = _demo_rule(course, result)
    officer = User.objects.filter(email="officer@demo.jisr.ma").first()
    long_ago = timezone.now() - datetime.timedelta(days=4 * 365)

    result.notes.append("")
    result.notes.append("Demo certificates (verification URL, short code):")
    for state, email, name_ar, given, family, region in HOLDERS:
        holder = _demo_holder(email, name_ar, given, family, region, result)
        certificate = Certificate.objects.filter(holder=holder, course=course).order_by("-issued_at").first()
        if certificate is None:
            certificate, _created = certificate_issue(
                holder=holder,
                course=course,
                rule=rule,
                issued_by=officer,
                issued_at=long_ago if state == "expired" else None,
                reason="Demo",
            )
            if state == "valid":
                certificate_registry_set(certificate=certificate, user=holder, public=True)
            elif state == "suspended" and officer is not None:
                certificate = certificate_suspend(certificate=certificate, actor=officer, reason="Demo: vérification d'une réclamation en cours.")
            elif state == "revoked" and officer is not None:
                certificate = certificate_revoke(
                    certificate=certificate,
                    actor=officer,
                    reason="Demo: documents de stage non conformes.",
                    public_reason=RevocationReason.REQUIREMENTS_NOT_MET,
                )
            result.track(True)
        result.notes.append(f"  {state:<10} {certificate.get_verification_url()}  {certificate.short_code_display}")
        result.logins.append((f"Certificate holder ({state})", email, settings.DEMO_PASSWORD))
