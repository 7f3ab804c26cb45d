"""Demo content of the H5P app (seed_demo calls ``load``): one True/False
activity built from our own library (``library/``), in a lesson of its own
added at the end of the first module of the first demo course. The lesson is
optional, so the other demos' progress figures do not move. Idempotent."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from .models import H5PActivity
from .packaging import build_true_false_package

TITLE = "صحيح أم خطأ: حياد الوسيط الأسري"
LESSON_SLUG = "nashat-hiyad-al-wasit"


def _activity(result) -> H5PActivity:
    from .services import activity_create

    activity = H5PActivity.objects.filter(title=TITLE).first()
    if activity is not None:
        return activity
    package = build_true_false_package(
        title=TITLE,
        language="ar",
        question="يقف الوسيط الأسري على مسافة واحدة من جميع أفراد الأسرة ولا ينحاز إلى أي طرف.",
        correct=True,
        true_label="صحيح",
        false_label="خطأ",
        correct_feedback="أحسنت: الحياد من المبادئ الأساسية للوساطة الأسرية.",
        wrong_feedback="ليس تمامًا: الوسيط طرف ثالث محايد ومستقل.",
    )
    with transaction.atomic():
        activity = activity_create(title=TITLE, package=ContentFile(package, name="hiyad.h5p"))
    result.track(True)
    return activity


def load(result) -> None:
    from cms.models import CoursePage, LessonPage, ModulePage

    course = (
        CoursePage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).order_by("path").first()
    )
    module = ModulePage.objects.live().child_of(course).order_by("path").first() if course else None
    if module is None:
        result.notes.append("H5P: no demo course with a module yet, so no demo activity (load the content demo first).")
        return
    activity = _activity(result)
    if LessonPage.objects.child_of(module).filter(slug=LESSON_SLUG).exists():
        return
    lesson = LessonPage(
        title="نشاط تفاعلي: حياد الوسيط",
        slug=LESSON_SLUG,
        summary="نشاط قصير من نوع صحيح أم خطأ للتحقق من فهم مبدأ الحياد.",
        estimated_minutes=3,
        required_for_completion=False,
        body=[
            ("rich_text", "<p>اقرأ العبارة التالية ثم اختر الجواب. تُبلِّغ المنصة عن نتيجتك كما يرسلها متصفحك.</p>"),
            ("h5p_activity", {"activity": activity, "required": True, "pass_percent": 0}),
        ],
    )
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    result.track(True)
    result.notes.append(f"H5P: demo activity “{TITLE}” in the lesson {lesson.url_path}")
