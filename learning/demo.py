"""Demo cohorts and progress (``seed_demo`` calls ``load``; safe to run again).

For each live demo course (the content app's demo creates them) a regional
cohort run by the demo trainer, twelve trainees of the partner associations
at different points of the course — some finished, some quiet for weeks —
the demo trainee one module in, and one nomination waiting for the trainer.
Without any course yet, it only says so. Rows change through the services;
the e-mails those would send are marked as already sent (nobody is
written to on a demo)."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Association, User
from accounts.regions import Region
from accounts.roles import Role
from cms.models import CoursePage

from .errors import LearningError
from .models import Cohort, Enrollment, Nomination
from .outline import course_outline, course_outlines

# (Arabic name, given name, family name, share of the course done, days since last activity)
DEMO_TRAINEES = [
    ("فاطمة الزهراء الوردي", "Fatima Zahra", "El Ouardi", 1.0, 2),
    ("محمد أمين بوزيد", "Mohamed Amine", "Bouzid", 1.0, 5),
    ("خديجة السباعي", "Khadija", "Sbai", 0.8, 1),
    ("عبد الرحيم الفاسي", "Abderrahim", "El Fassi", 0.6, 3),
    ("حنان المرابط", "Hanane", "Mrabet", 0.5, 20),
    ("إدريس الكتاني", "Driss", "Kettani", 0.4, 1),
    ("سناء بلحاج", "Sanaa", "Belhaj", 0.3, 25),
    ("يونس الشرقاوي", "Younes", "Cherkaoui", 0.3, 4),
    ("مريم العثماني", "Meryem", "Othmani", 0.2, 16),
    ("رشيد أوحمو", "Rachid", "Ouhammou", 0.1, 2),
    ("ليلى بنجلون", "Leila", "Benjelloun", 0.0, None),
    ("أنس الحيحي", "Anas", "Lahyani", 0.0, None),
]
DEMO_MEMBER = ("زينب القادري", "Zineb", "Kadiri")  # nominated by the coordinator, waiting
REGION = Region.MARRAKECH_SAFI
MAX_COURSES = 3


def _demo_user(email: str, name_ar: str, given: str, family: str, association, language: str, result) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name_ar": name_ar, "first_name": given, "last_name": family, "region": REGION,
            "association": association, "preferred_language": language,
        },
    )
    if created:
        user.set_password(settings.DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=Role.TRAINEE.value))
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    result.track(created)
    return user


def _quiet(enrollment: Enrollment) -> None:
    """Mark the demo's e-mails as sent: the tasks then do nothing."""
    now = timezone.now()
    Enrollment.objects.filter(pk=enrollment.pk, confirmation_sent_at__isnull=True).update(confirmation_sent_at=now)
    Enrollment.objects.filter(pk=enrollment.pk, completed_at__isnull=False, completion_notified_at__isnull=True).update(
        completion_notified_at=now
    )
    Enrollment.objects.filter(pk=enrollment.pk, inactivity_reminded_at__isnull=True).update(inactivity_reminded_at=now)


def _follow(user, cohort: Cohort, share: float, quiet_days: int | None, result) -> None:
    """``user`` in ``cohort`` with ``share`` of the required lessons done
    (in course order, so sequencing holds), last seen ``quiet_days`` ago."""
    from .services import cohort_member_add, lesson_complete

    if Enrollment.objects.filter(user=user, course=cohort.course).exists():
        return  # already there: never replay progress
    try:
        membership, _created = cohort_member_add(cohort=cohort, user=user)
    except LearningError:
        return  # a prerequisite course the demo trainee has not done
    outline = course_outline(cohort.course)
    required = [lesson for module in outline.modules for lesson in module.required_lessons]
    for item in required[: round(share * len(required))]:
        lesson_complete(user=user, lesson=item.id)
    enrollment = Enrollment.objects.get(pk=membership.enrollment_id)
    if quiet_days is not None:
        when = timezone.now() - dt.timedelta(days=quiet_days)
        Enrollment.objects.filter(pk=enrollment.pk).update(
            last_activity_at=when, enrolled_at=min(enrollment.enrolled_at, when - dt.timedelta(days=7))
        )
    else:
        Enrollment.objects.filter(pk=enrollment.pk).update(enrolled_at=timezone.now() - dt.timedelta(days=3))
    _quiet(enrollment)
    result.track(True)


def _cohort_for(course: CoursePage, trainer, french_title: str, result) -> Cohort:
    from .services import cohort_create

    region_ar, region_fr = "مراكش-آسفي", "Marrakech-Safi"
    name_ar = f"{course.title} — الفوج الجهوي {region_ar}"[:200]
    cohort = Cohort.objects.filter(course=course, name_ar=name_ar).first()
    if cohort is not None:
        result.track(False)
        return cohort
    today = timezone.localdate()
    cohort = cohort_create(
        created_by=trainer,
        course=course,
        trainers=[trainer],
        name_ar=name_ar,
        name_fr=f"{french_title} — cohorte régionale {region_fr}"[:200],
        region=REGION,
        starts_on=today - dt.timedelta(days=45),
        ends_on=today + dt.timedelta(days=75),
        capacity=30,
        invitation_expires_on=today + dt.timedelta(days=30),
    )
    result.track(True)
    return cohort


def load(result) -> None:
    live = list(CoursePage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path"))
    outlines = course_outlines(live)
    # only courses with lessons to follow (another demo may add an empty course)
    courses = [course for course in live if outlines[course.pk].required_lesson_ids][:MAX_COURSES]
    if not courses:
        result.notes.append("Learning: no demo course with lessons yet, so no demo cohort (load the content demo first).")
        return
    trainer = User.objects.filter(email="trainer@demo.jisr.ma").first()
    trainee = User.objects.filter(email="trainee@demo.jisr.ma").first()
    coordinator = User.objects.filter(email="coordinator@demo.jisr.ma").first()
    associations = list(Association.objects.order_by("pk")) or [None]
    association = coordinator.association if coordinator and coordinator.association_id else associations[0]

    people = [
        _demo_user(
            f"stagiaire{index:02d}@demo.jisr.ma", name_ar, given, family,
            association if index % 3 else associations[-1], "fr" if index % 4 == 0 else "ar", result,
        )
        for index, (name_ar, given, family, _share, _days) in enumerate(DEMO_TRAINEES, start=1)
    ]
    member = _demo_user("stagiaire-nominee@demo.jisr.ma", *DEMO_MEMBER, association, "ar", result)

    for position, course in enumerate(courses):
        french = course.get_translation_or_none(_french_locale())
        cohort = _cohort_for(course, trainer, french.title if french else course.title, result)
        for user, (_name, _given, _family, share, days) in zip(people, DEMO_TRAINEES, strict=True):
            # later courses are further from the end: fewer finished
            _follow(user, cohort, max(0.0, share - 0.3 * position), days, result)
        if position == 0 and trainee is not None:
            first_module = course_outline(course).modules[:1]
            done = len(first_module[0].required_lessons) if first_module else 0
            total = len(course_outline(course).required_lesson_ids) or 1
            _follow(trainee, cohort, done / total, 1, result)
        if position == 0 and coordinator is not None and coordinator.association_id:
            _nominate(cohort, member, coordinator, result)


def _nominate(cohort: Cohort, member, coordinator, result) -> None:
    from .services import nomination_create

    if Nomination.objects.filter(cohort=cohort, trainee=member).exists():
        return
    try:
        _nomination, created = nomination_create(
            cohort=cohort, trainee=member, nominated_by=coordinator,
            note="منشطة في فضاء الأسرة بآسفي منذ سنتين، متحمسة لمتابعة التكوين.",
        )
    except LearningError:
        return
    result.track(created)


def _french_locale():
    from wagtail.models import Locale

    return Locale.objects.filter(language_code="fr").first()


__all__ = ["load"]
