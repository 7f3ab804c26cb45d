"""StreamField blocks for lessons.

Each block has its own template under ``cms/templates/blocks/`` (templates
read ``value``) and a ``preview_value`` for the admin's block previews. Blocks
that show a file (image, video, audio, document) preview with the first file
of the right kind in the library, when there is one.

The Quizzes and H5P issues add their blocks in the named slots at the end of
``LessonStreamBlock``.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from learning.h5p.blocks import H5PActivityBlock
from learning.quizzes.blocks import QuizBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]

VIDEO_EXTENSIONS = frozenset({"mp4", "webm"})
AUDIO_EXTENSIONS = frozenset({"mp3", "m4a", "ogg", "oga"})
CAPTION_EXTENSIONS = frozenset({"vtt"})


def _extension(document) -> str:
    return PurePosixPath(document.file.name).suffix.lstrip(".").lower() if document else ""


def _first_document(extensions):
    """The newest library document with one of ``extensions`` (block previews)."""
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    for document in document_model.objects.order_by("-created_at")[:50]:
        if _extension(document) in extensions:
            return document
    return None


def _first_image():
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("-created_at").first()


def _require_extension(errors: dict, name: str, document, extensions, message) -> None:
    if document is not None and _extension(document) not in extensions:
        errors[name] = ValidationError(message % {"formats": ", ".join(sorted(extensions))})


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Écouter sans juger"}


class ImageBlock(blocks.StructBlock):
    """A responsive picture: WebP with a JPEG fallback in several widths,
    lazy-loaded, with alternative text the author must write."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        preview_value = staticmethod(lambda: {
            "image": _first_image(),
            "alt": "Une médiatrice écoute deux parents assis face à face.",
            "caption": "Une séance de médiation dans un centre associatif.",
        })


class VideoBlock(blocks.StructBlock):
    """An uploaded video (MP4/WebM) with captions and a transcript, or an
    embedded video from a URL."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("An MP4 or WebM file from the document library.")
    )
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    embed = EmbedBlock(label=_("Or a video address to embed"), required=False)
    transcript = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES, label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        preview_value = staticmethod(lambda: {
            "title": "Accueillir les parties",
            "video": _first_document(VIDEO_EXTENSIONS),
            "transcript": "<p>La médiatrice accueille les deux parents et rappelle les règles de la séance.</p>",
        })

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value.get("video") and not value.get("embed"):
            errors["video"] = ValidationError(_("Choose a video file or give a video address to embed."))
        if value.get("video") and value.get("embed"):
            errors["embed"] = ValidationError(_("Give either a video file or a video address, not both."))
        _require_extension(errors, "video", value.get("video"), VIDEO_EXTENSIONS, _("A video file must be one of: %(formats)s."))
        _require_extension(
            errors, "captions", value.get("captions"), CAPTION_EXTENSIONS, _("Captions must be a file of type: %(formats)s.")
        )
        if value.get("captions") and not value.get("video"):
            errors["captions"] = ValidationError(_("Captions go with an uploaded video file."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    audio = DocumentChooserBlock(label=_("Audio file"), help_text=_("An MP3, M4A or Ogg file from the document library."))
    transcript = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES, label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "blocks/audio_block.html"
        preview_value = staticmethod(lambda: {
            "title": "Témoignage d'un père",
            "audio": _first_document(AUDIO_EXTENSIONS),
            "transcript": "<p>« J'ai appris à écouter mon fils avant de répondre. »</p>",
        })

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        _require_extension(errors, "audio", value.get("audio"), AUDIO_EXTENSIONS, _("An audio file must be one of: %(formats)s."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), max_length=200, required=False, help_text=_("Defaults to the document's title.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document to download")
        template = "blocks/document_block.html"
        preview_value = staticmethod(lambda: {
            "document": _first_document({"pdf", "docx", "odt"}),
            "title": "Fiche : les étapes de la médiation",
            "description": "Une page à imprimer pour la séance.",
        })


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("key_idea", _("Key idea"))],
        default="tip",
        label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    text = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"
        preview_value = {
            "kind": "key_idea",
            "title": "La neutralité",
            "text": "<p>Le médiateur ne prend parti pour aucun membre de la famille.</p>",
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    situation = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES, label=_("Situation"))
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question"), max_length=300), label=_("Guiding questions"), min_num=1
    )

    class Meta:
        icon = "group"
        label = _("Case study")
        template = "blocks/case_study_block.html"
        preview_value = {
            "title": "Le cas de Salma et Karim",
            "situation": "<p>Séparés depuis six mois, Salma et Karim ne s'accordent pas sur les visites des enfants.</p>",
            "questions": ["Quels besoins chaque parent exprime-t-il ?", "Comment ramener la discussion vers les enfants ?"],
        }


class ReflectionPromptBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question to reflect on"))
    hint = blocks.TextBlock(label=_("Hint"), required=False)

    class Meta:
        icon = "help"
        label = _("Reflection prompt")
        template = "blocks/reflection_prompt_block.html"
        preview_value = {
            "prompt": "Pensez à un conflit familial que vous avez observé. Qu'est-ce qui a aidé à l'apaiser ?",
            "hint": "Notez vos idées dans votre carnet avant de passer à la suite.",
        }


class KeyTakeawaysBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Takeaway"), max_length=300), label=_("Takeaways"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Key takeaways")
        template = "blocks/key_takeaways_block.html"
        preview_value = {
            "title": "",
            "items": ["La médiation est volontaire.", "Le médiateur reste neutre.", "L'intérêt de l'enfant passe en premier."],
        }


class ActivityBlock(blocks.StructBlock):
    """One activity of a guide session, with its own duration and steps."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    duration_minutes = blocks.IntegerBlock(label=_("Duration (minutes)"), min_value=1, max_value=600)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Activity")
        template = "blocks/activity_block.html"
        preview_value = {
            "title": "Le cercle des prénoms",
            "duration_minutes": 15,
            "steps": ["Les participants s'assoient en cercle.", "Chacun dit son prénom et un souvenir d'enfance."],
        }


class GuideActivitiesBlock(blocks.StreamBlock):
    activity = ActivityBlock()


class GuideHandoutsBlock(blocks.StreamBlock):
    handout = DocumentBlock(label=_("Handout"))


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        template="blocks/rich_text_block.html",
        preview_value="<p>La médiation familiale aide les membres d'une famille à trouver ensemble une solution.</p>",
    )
    image = ImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    case_study = CaseStudyBlock()
    reflection = ReflectionPromptBlock()
    key_takeaways = KeyTakeawaysBlock()
    # Named slots: `quiz` (Quizzes issue) and `h5p_activity` (H5P issue).
    quiz = QuizBlock()
    h5p_activity = H5PActivityBlock()

    class Meta:
        block_counts = {}
