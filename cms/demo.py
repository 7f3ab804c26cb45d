"""Demo content: the home page and the two programmes, in Arabic with a
French translation. Our own texts, written from the ministry's situation."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage, ProgrammeKind, ProgrammePage

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


def _set_fields(page, values) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(page, name) != value:
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
