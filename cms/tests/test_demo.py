"""The demo content: two courses of 3 modules × 3 lessons using every block
in each module, the guide with 2 parts × 3 sessions, all in Arabic and
French, its PDF, and a second load that changes nothing."""

import pytest

from accounts import demo as accounts_demo
from cms import demo
from cms.models import CoursePage, GuidePage, GuidePartPage, GuidePdf, GuideSessionPage, LessonPage, ModulePage
from core.demo import DemoResult

from .test_blocks import CONTENT_BLOCKS


@pytest.mark.django_db
def test_the_demo_content_is_complete_and_loads_idempotently(django_capture_on_commit_callbacks, settings):
    # given the demo accounts
    accounts_demo.load(DemoResult())
    # when the content is loaded (the guide's PDF is built after commit)
    with django_capture_on_commit_callbacks(execute=True):
        first = DemoResult()
        demo.load(first)
    # then
    assert first.changed
    for course in CoursePage.objects.filter(locale__language_code="ar"):
        modules = ModulePage.objects.child_of(course)
        assert modules.count() >= 3
        for module in modules:
            lessons = LessonPage.objects.child_of(module)
            assert lessons.count() >= 3
            used = {block.block_type for lesson in lessons for block in lesson.body}
            assert set(CONTENT_BLOCKS) <= used, set(CONTENT_BLOCKS) - used
            for lesson in lessons:
                french = lesson.get_translation(lesson.get_translations().get().locale)
                assert french.live and french.title != lesson.title
    assert CoursePage.objects.filter(locale__language_code="ar").count() == 2
    guide = GuidePage.objects.get(locale__language_code="ar")
    parts = GuidePartPage.objects.child_of(guide)
    assert parts.count() >= 2
    assert all(GuideSessionPage.objects.child_of(part).count() >= 3 for part in parts)
    assert GuideSessionPage.objects.filter(locale__language_code="fr", live=True).count() == 6
    assert GuidePdf.objects.filter(guide=guide).exists()
    # the demo trainer authors both programmes and the guide
    from accounts.models import User

    trainer = User.objects.get(email=demo.DEMO_TRAINER)
    lesson = LessonPage.objects.filter(locale__language_code="ar").first()
    assert lesson.permissions_for_user(trainer).can_edit() and not lesson.permissions_for_user(trainer).can_publish()
    # when it is loaded again, nothing changes
    again = DemoResult()
    demo.load(again)
    assert not again.changed, (again.created, again.updated)
