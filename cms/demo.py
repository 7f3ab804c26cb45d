"""Demo content: the home page, the two programmes with one course each
(3 modules × 3 lessons, every lesson block used in each module), and the
animator's guide (2 parts × 3 sessions), in Arabic with a French
translation; the demo trainer authors both programmes and the guide. Our
own texts (cms/demo_content.py), written from the ministry's situation.

Idempotent: a second run changes nothing (StreamFields are compared without
their block ids)."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from .demo_content import BLOCK_TEXT, COURSES, GUIDE
from .models import (
    CoursePage,
    GuidePage,
    GuidePartPage,
    GuideSessionPage,
    HomePage,
    LessonPage,
    ModulePage,
    ProgrammeKind,
    ProgrammePage,
)

DEMO_MEDIA = Path(__file__).resolve().parent / "demo_media"
DEMO_TRAINER = "trainer@demo.jisr.ma"

HOME = {
    "ar": {
        "title": "أكاديمية جسر",
        "intro": "<p>فضاء للتكوين عن بعد لفائدة الوسطاء الأسريين ومكوني التربية الوالدية الإيجابية: دروس قصيرة تُتابَع من الهاتف، وتقييمات، وشهادات يمكن لأي شخص التحقق منها في ثوانٍ.</p>",
    },
    "fr": {
        "title": "Académie Jisr",
        "intro": "<p>Un espace de formation à distance pour les médiateurs familiaux et les formateurs en parentalité positive : des leçons courtes à suivre sur téléphone, des évaluations, et des certificats que chacun peut vérifier en quelques secondes.</p>",
    },
}

PROGRAMMES = [
    {
        "slug": "mediation-familiale",
        "kind": ProgrammeKind.MEDIATION,
        "code": "MF",
        "ar": {
            "title": "الوساطة الأسرية",
            "summary": "تأهيل وسطاء أسريين محايدين وأكفاء يساعدون أفراد الأسرة على بلوغ حلول توافقية لخلافاتهم، ويعملون في مراكز الوساطة التي تديرها الجمعيات الشريكة.",
        },
        "fr": {
            "title": "Médiation familiale",
            "summary": "Former des médiateurs familiaux neutres et compétents qui aident les membres d'une famille à trouver des solutions consensuelles, dans les centres de médiation gérés par les associations partenaires.",
        },
    },
    {
        "slug": "parentalite-positive",
        "kind": ProgrammeKind.PARENTING,
        "code": "PP",
        "ar": {
            "title": "التربية الوالدية الإيجابية",
            "summary": "إعداد مكونين ومنشطين يرافقون الآباء والأمهات المعيلات للأسر والمقبلين على الوالدية والمربين في بناء علاقة آمنة ومحترمة مع الأطفال.",
        },
        "fr": {
            "title": "Parentalité positive",
            "summary": "Préparer des formateurs et des animateurs qui accompagnent les pères, les mères cheffes de famille, les futurs parents et les éducateurs dans une relation sûre et respectueuse avec l'enfant.",
        },
    },
]


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _stream_raw(block, value):
    if not isinstance(value, StreamValue):
        value = StreamValue(block, [(name, block.child_blocks[name].normalize(v)) for name, v in value])
    return _without_ids(block.get_prep_value(value))


def _set_fields(page, values) -> bool:
    changed = False
    for name, value in values.items():
        field = page._meta.get_field(name) if name in {f.name for f in page._meta.fields} else None
        if isinstance(field, StreamField):
            if _stream_raw(field.stream_block, getattr(page, name)) == _stream_raw(field.stream_block, value):
                continue
        elif getattr(page, name) == value:
            continue
        setattr(page, name, value)
        changed = True
    return changed


def _publish(page) -> None:
    page.save_revision().publish()


def ensure_translation(page, locale, values) -> tuple[Page, bool]:
    """The page's translation in ``locale`` with ``values``; (page, changed)."""
    translation = page.get_translation_or_none(locale)
    created = translation is None
    if created:
        translation = page.copy_for_translation(locale, copy_parents=True, alias=False)
    translation = translation.specific
    changed = _set_fields(translation, values)
    if created or changed or not translation.live:
        _publish(translation)
    return translation, created or changed


@transaction.atomic
def load(result) -> None:
    arabic = Locale.objects.get(language_code="ar")
    french, created = Locale.objects.get_or_create(language_code="fr")
    result.track(created)

    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=arabic).first()
    if home is None:
        home = HomePage(slug="jisr", locale=arabic, **HOME["ar"])
        root.add_child(instance=home)
        _publish(home)
        result.track(True)
    elif _set_fields(home, HOME["ar"]):
        _publish(home)
        result.track(False, True)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Jisr Academy")
        result.track(True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Jisr Academy"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" placeholder
        result.track(False, True)

    _, changed = ensure_translation(home, french, HOME["fr"])
    result.track(False, changed)

    for data in PROGRAMMES:
        programme = ProgrammePage.objects.filter(locale=arabic, slug=data["slug"]).first()
        values = {"kind": data["kind"], "code": data["code"], **data["ar"]}
        if programme is None:
            programme = ProgrammePage(slug=data["slug"], locale=arabic, **values)
            home.add_child(instance=programme)
            _publish(programme)
            result.track(True)
        elif _set_fields(programme, values):
            _publish(programme)
            result.track(False, True)
        _, changed = ensure_translation(programme, french, data["fr"])
        result.track(False, changed)

    media = _demo_media(result)
    for data in PROGRAMMES:
        programme = ProgrammePage.objects.get(locale=arabic, slug=data["slug"])
        _course(programme, COURSES[data["slug"]], media, french, result)
    guide = _guide(home, media, french, result)
    _authors(guide, result)


# --- Pages ---------------------------------------------------------------------


def _child(parent, model, slug, values, result):
    """The Arabic child page ``slug`` of ``parent`` with ``values`` (created,
    updated or left as it is), published."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **values)
        parent.add_child(instance=page)
        _publish(page)
        result.track(True)
    elif _set_fields(page, values) or not page.live:
        _publish(page)
        result.track(False, True)
    return page


def _texts(data, language):
    return {key: value for key, value in data[language].items()}


def _course(programme, data, media, french, result):
    def values(language):
        texts = _texts(data, language)
        return {**texts, "duration_hours": data["hours"]} if language == "ar" else texts

    course = _child(programme, CoursePage, data["slug"], values("ar"), result)
    result.track(False, ensure_translation(course, french, values("fr"))[1])
    for module_data in data["modules"]:
        module = _child(course, ModulePage, module_data["slug"], _texts(module_data, "ar"), result)
        result.track(False, ensure_translation(module, french, _texts(module_data, "fr"))[1])
        for lesson_data in module_data["lessons"]:
            lesson = _child(module, LessonPage, lesson_data["slug"], _lesson_values(lesson_data, "ar", media), result)
            result.track(False, ensure_translation(lesson, french, _lesson_values(lesson_data, "fr", media))[1])


def _lesson_values(data, language, media):
    text, shared = data[language], BLOCK_TEXT[language]
    body = [
        ("heading", {"text": text["title"]}),
        ("rich_text", f"<p>{text['text']}</p>"),
    ]
    if data["kind"] == "case":
        body += [
            ("image", {"image": media["image"], "alt": shared["image_alt"], "caption": shared["image_caption"]}),
            ("case_study", {"title": text["case_title"], "situation": f"<p>{text['case']}</p>", "questions": text["questions"]}),
        ]
    elif data["kind"] == "media":
        body += [
            ("video", {"title": shared["video_title"], "video": media["video"], "captions": media[f"captions_{language}"], "embed": None, "transcript": shared["video_transcript"]}),
            ("reflection", {"prompt": text["prompt"], "hint": shared["hint"]}),
            ("document", {"document": media[f"handout_{language}"], "title": shared["document_title"], "description": shared["document_description"]}),
        ]
    else:
        body += [
            ("audio", {"title": shared["audio_title"], "audio": media["audio"], "transcript": shared["audio_transcript"]}),
            ("key_takeaways", {"title": shared["takeaways_title"], "items": text["takeaways"]}),
        ]
    body.append(("callout", {"kind": "tip", "title": shared["callout_title"], "text": shared["callout"]}))
    return {
        "title": text["title"],
        "summary": text["summary"],
        "objectives": f"<ul><li>{text['summary']}</li></ul>",
        "estimated_minutes": data["minutes"],
        "required_for_completion": True,
        "body": body,
    }


def _guide(home, media, french, result):
    guide = _child(home, GuidePage, GUIDE["slug"], _texts(GUIDE, "ar"), result)
    result.track(False, ensure_translation(guide, french, _texts(GUIDE, "fr"))[1])
    for part_data in GUIDE["parts"]:
        part = _child(guide, GuidePartPage, part_data["slug"], _texts(part_data, "ar"), result)
        result.track(False, ensure_translation(part, french, _texts(part_data, "fr"))[1])
        for session_data in part_data["sessions"]:
            session = _child(part, GuideSessionPage, session_data["slug"], _session_values(session_data, "ar", media), result)
            result.track(False, ensure_translation(session, french, _session_values(session_data, "fr", media))[1])
    return guide


def _session_values(data, language, media):
    text = data[language]
    values = {
        "title": text["title"],
        "intro": text["intro"],
        "objectives": text["objectives"],
        "materials": text["materials"],
        "facilitator_tips": text["tips"],
        "activities": [
            ("activity", {"title": title, "duration_minutes": minutes, "steps": steps}) for title, minutes, steps in text["activities"]
        ],
        "handouts": [("handout", {"document": media[f"handout_{language}"], "title": BLOCK_TEXT[language]["document_title"], "description": ""})],
    }
    if language == "ar":  # synchronised into the translation
        values.update(duration_minutes=data["minutes"], target_groups=data["groups"])
    return values


def _authors(guide, result):
    from accounts.models import User

    from .permissions import section_author_add, section_group_name

    trainer = User.objects.filter(email=DEMO_TRAINER).first()
    if trainer is None:
        return
    sections = [*ProgrammePage.objects.filter(locale=guide.locale), guide]
    for section in sections:
        if not trainer.groups.filter(name=section_group_name(section)).exists():
            section_author_add(section=section, user=trainer)
            result.track(False, True)


# --- Media ---------------------------------------------------------------------


def _demo_image() -> bytes:
    """A simple drawing: a bridge between two circles (two family members)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 675), (246, 245, 241))
    draw = ImageDraw.Draw(image)
    draw.ellipse((120, 220, 360, 460), fill=(15, 92, 77))
    draw.ellipse((840, 220, 1080, 460), fill=(244, 201, 93))
    draw.arc((300, 160, 900, 760), 200, 340, fill=(10, 65, 55), width=28)
    draw.rectangle((300, 455, 900, 480), fill=(10, 65, 55))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _handout_pdf(language: str) -> bytes:
    from fpdf import FPDF
    import fontpkg

    texts = {
        "ar": ("بطاقة الدرس", "دوّن هنا ما تعلمته، وسؤالا تريد طرحه في الورشة القادمة."),
        "fr": ("Fiche de la leçon", "Notez ici ce que vous avez appris, et une question à poser au prochain atelier."),
    }[language]
    folder = Path(fontpkg.path("Amiri")).parent
    pdf = FPDF(format="A4")
    pdf.add_font("Amiri", "", str(folder / "Amiri-Regular.ttf"))
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("Amiri", "", 22)
    align = "R" if language == "ar" else "L"
    pdf.multi_cell(0, 14, texts[0], align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Amiri", "", 13)
    pdf.multi_cell(0, 8, texts[1], align=align, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


CAPTIONS = {
    "ar": "WEBVTT\n\n00:00.000 --> 00:06.000\nمقطع تجريبي: مكان فيديو الدرس\n",
    "fr": "WEBVTT\n\n00:00.000 --> 00:06.000\nExtrait de démonstration : la place de la vidéo de la leçon\n",
}


def _document(title, filename, content: bytes, result):
    model = get_document_model()
    document = model.objects.filter(title=title).first()
    if document is None:
        document = model(title=title)
        document.file.save(filename, ContentFile(content), save=False)
        document._set_document_file_metadata()
        document.save()
        result.track(True)
    return document


def _demo_media(result) -> dict:
    image_model = get_image_model()
    image = image_model.objects.filter(title="Jisr — pont du dialogue").first()
    if image is None:
        image = image_model(title="Jisr — pont du dialogue", file=ImageFile(io.BytesIO(_demo_image()), name="jisr-pont.png"))
        image.save()
        result.track(True)
    return {
        "image": image,
        "video": _document("Vidéo de démonstration", "demo-lecon.webm", (DEMO_MEDIA / "accueil.webm").read_bytes(), result),
        "audio": _document("Résumé audio de démonstration", "demo-resume.ogg", (DEMO_MEDIA / "temoignage.ogg").read_bytes(), result),
        "captions_ar": _document("ترجمة مكتوبة للفيديو التجريبي", "demo-lecon-ar.vtt", CAPTIONS["ar"].encode(), result),
        "captions_fr": _document("Sous-titres de la vidéo de démonstration", "demo-lecon-fr.vtt", CAPTIONS["fr"].encode(), result),
        "handout_ar": _document("بطاقة الدرس", "fiche-lecon-ar.pdf", _handout_pdf("ar"), result),
        "handout_fr": _document("Fiche de la leçon", "fiche-lecon-fr.pdf", _handout_pdf("fr"), result),
    }
