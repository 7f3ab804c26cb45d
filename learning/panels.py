"""Extra panels on the trainee's "My learning" page, contributed by apps that
learning must not import (certificates adds "My certificates").

A panel is a callable ``panel(request) -> str`` returning safe HTML rendered
with the providing app's own template; it must use a bounded number of
queries. Providers register in their AppConfig.ready().
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

MyLearningPanel = Callable[[object], str]

_panels: list[MyLearningPanel] = []


def register_my_learning_panel(panel: MyLearningPanel) -> MyLearningPanel:
    if panel not in _panels:
        _panels.append(panel)
    return panel


def render_my_learning_panels(request) -> SafeString:
    return mark_safe("".join(str(panel(request)) for panel in _panels))
