"""Template tags the content templates call to show learner state.

The lesson template calls ``{% lesson_learning_panel page %}``; the Learning
issue fills it with progress, navigation and the "mark complete" form.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_learning_panel(context, page):
    return ""
