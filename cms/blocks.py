"""StreamField blocks for lessons.

The Content issue grows this list (images, video, case studies, …); the
Quizzes and H5P issues add their blocks in the named slots at the end.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Écouter sans juger"}


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Text"),
        template="blocks/rich_text_block.html",
        preview_value="<p>La médiation familiale aide les membres d'une famille à trouver ensemble une solution.</p>",
    )
    # Named slots: `quiz` (Quizzes issue) and `h5p_activity` (H5P issue).

    class Meta:
        block_counts = {}
