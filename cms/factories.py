"""Page-tree factories. Pages are created live without revisions (fast);
tests that exercise moderation publish through revisions themselves."""

import factory
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from .models import CoursePage, GuidePage, GuidePartPage, GuideSessionPage, HomePage, LessonPage, ModulePage, ProgrammePage


class _PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttributeSequence(lambda o, n: f"{slugify(o.title) or 'page'}-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        if parent is None:
            raise ValueError(f"{model_class.__name__} needs parent=")
        parent.add_child(instance=page)
        return page


class HomePageFactory(_PageFactory):
    class Meta:
        model = HomePage

    title = "أكاديمية جسر"


class ProgrammePageFactory(_PageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"برنامج {n}")
    kind = "mediation"
    code = "MF"


class CoursePageFactory(_PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"مسار {n}")
    duration_hours = 20


class ModulePageFactory(_PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"وحدة {n}")


class LessonPageFactory(_PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"درس {n}")
    estimated_minutes = 10


class GuidePageFactory(_PageFactory):
    class Meta:
        model = GuidePage

    title = "دليل المنشط"


class GuidePartPageFactory(_PageFactory):
    class Meta:
        model = GuidePartPage


class GuideSessionPageFactory(_PageFactory):
    class Meta:
        model = GuideSessionPage


def site_with_home() -> HomePage:
    """Make an Arabic HomePage the default site's root (replacing Wagtail's
    placeholder page) and return it."""
    arabic = Locale.objects.get(language_code="ar")
    home = HomePage.objects.filter(locale=arabic).first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node(), locale=arabic, slug="jisr")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.save()
        if placeholder.specific_class is Page:
            placeholder.delete()
    return home


def translate_page(page, language_code: str, **fields):
    """A live translation of ``page`` in another locale."""
    locale = Locale.objects.get(language_code=language_code)
    translation = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.live = True
    translation.save()
    return translation


# --- Media and lesson bodies -------------------------------------------------


def png_bytes(width: int = 1200, height: int = 800, color=(15, 92, 77)) -> bytes:
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def image_create(title: str = "صورة", *, width: int = 1200, height: int = 800):
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    name = f"{slugify(title, allow_unicode=False) or 'image'}.png"
    image = get_image_model()(title=title, file=ImageFile(io.BytesIO(png_bytes(width, height)), name=name))
    image.save()
    return image


def document_create(filename: str, content: bytes = b"%PDF-1.4\n%demo\n", *, title: str | None = None):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title or filename)
    document.file.save(filename, ContentFile(content), save=False)
    document._set_document_file_metadata()  # size and hash, as the admin's upload form does
    document.save()
    return document


def every_block_body(*, image, video, captions, audio, document) -> list[tuple[str, object]]:
    """A lesson body that uses every content block once (Arabic texts)."""
    return [
        ("heading", {"text": "الإصغاء الفعال"}),
        ("rich_text", "<p>يبدأ الوسيط بالإصغاء إلى كل طرف دون مقاطعة.</p>"),
        ("image", {"image": image, "alt": "وسيطة تستمع إلى أبوين جالسين متقابلين", "caption": "جلسة وساطة في مركز جمعوي"}),
        (
            "video",
            {
                "title": "استقبال الطرفين",
                "video": video,
                "captions": captions,
                "embed": None,
                "transcript": "<p>ترحب الوسيطة بالطرفين وتذكر بقواعد الجلسة.</p>",
            },
        ),
        ("audio", {"title": "شهادة أب", "audio": audio, "transcript": "<p>تعلمت أن أستمع لابني قبل أن أجيب.</p>"}),
        ("document", {"document": document, "title": "بطاقة مراحل الوساطة", "description": "صفحة للطباعة"}),
        ("callout", {"kind": "warning", "title": "الحياد", "text": "<p>لا ينحاز الوسيط إلى أي طرف.</p>"}),
        (
            "case_study",
            {
                "title": "حالة سلمى وكريم",
                "situation": "<p>انفصل الزوجان منذ ستة أشهر ولم يتفقا على زيارة الأطفال.</p>",
                "questions": ["ما حاجات كل طرف؟", "كيف نعيد الحوار إلى مصلحة الأطفال؟"],
            },
        ),
        ("reflection", {"prompt": "تذكر خلافا أسريا شهدته: ما الذي ساعد على تهدئته؟", "hint": "دون أفكارك في دفترك."}),
        ("key_takeaways", {"title": "", "items": ["الوساطة طوعية", "الوسيط محايد", "مصلحة الطفل أولا"]}),
    ]


def guide_session_fields(n: int = 1) -> dict:
    """A complete guide session's fields (Arabic)."""
    return {
        "title": f"الجلسة {n}: الإصغاء إلى الطفل",
        "duration_minutes": 90,
        "intro": "<p>جلسة يتعرف فيها الآباء على أهمية الإصغاء في بناء الثقة.</p>",
        "objectives": "<ul><li>التمييز بين السماع والإصغاء</li><li>ممارسة إعادة الصياغة</li></ul>",
        "target_groups": ["fathers", "future_parents"],
        "materials": "<ul><li>أوراق كبيرة وأقلام</li><li>بطاقات الوضعيات</li></ul>",
        "activities": [
            ("activity", {"title": "دائرة التعارف", "duration_minutes": 15, "steps": ["يجلس المشاركون في دائرة.", "يذكر كل مشارك اسمه وذكرى من طفولته."]}),
            ("activity", {"title": "لعب الأدوار", "duration_minutes": 40, "steps": ["يتوزع المشاركون في ثنائيات.", "يؤدي أحدهما دور الطفل والآخر دور الأب."]}),
        ],
        "facilitator_tips": "<p>ذكّر المشاركين بأن لا أحد يُحاسَب على ما يشاركه.</p>",
    }
