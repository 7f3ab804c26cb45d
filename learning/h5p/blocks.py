"""The "H5P activity" block of lessons (added to cms.blocks.LessonStreamBlock)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PActivityBlock(blocks.StructBlock):
    activity = SnippetChooserBlock("h5p.H5PActivity", label=_("H5P activity"))
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"),
        required=False,
        default=True,
        help_text=_("The lesson is complete only once the trainee has done this activity."),
    )
    pass_percent = blocks.IntegerBlock(
        label=_("Score needed (%)"),
        min_value=0,
        max_value=100,
        default=0,
        help_text=_("0: any finished attempt counts. The score is reported by the trainee's browser."),
    )

    class Meta:
        icon = "media"
        label = _("H5P activity")
        template = "h5p/activity_block.html"
