"""The learning demo: cohorts and progress on the demo courses, idempotent."""

import pytest
from django.core import mail

from core.demo import DemoResult
from learning.dashboards import cohort_grid, national_overview
from learning.factories import course_tree
from learning.models import Cohort, Enrollment, Nomination


@pytest.fixture
def demo_site(db):
    from accounts import demo as accounts_demo
    from cms import demo as cms_demo
    from cms.models import CoursePage, ProgrammePage

    result = DemoResult()
    accounts_demo.load(result)
    cms_demo.load(result)
    # the content demo's own courses are taken offline: each test decides which course exists
    CoursePage.objects.update(live=False)
    return ProgrammePage.objects.get(slug="mediation-familiale", locale__language_code="ar")


@pytest.mark.django_db
def test_without_a_course_the_demo_only_says_so(demo_site):
    from learning import demo

    result = DemoResult()
    demo.load(result)
    assert not result.changed and not Cohort.objects.exists()
    assert "no demo course" in result.notes[0]


@pytest.mark.django_db
def test_the_demo_fills_a_cohort_once(demo_site, django_capture_on_commit_callbacks):
    from accounts.models import User
    from learning import demo

    # given a demo course (the content demo's job)
    tree = course_tree(demo_site.get_parent(), programme=demo_site, modules=3, lessons=3)

    # when the demo loads twice
    first = DemoResult()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(first)
    second = DemoResult()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(second)

    # then one cohort with the trainees at different points, nothing new the second time, no e-mail
    assert first.changed and not second.changed
    cohort = Cohort.objects.get(course=tree.course)
    trainer = User.objects.get(email="trainer@demo.jisr.ma")
    grid = cohort_grid(user=trainer, cohort=cohort)
    assert len(grid.rows) == 13  # twelve trainees and the demo trainee
    assert grid.completed == 2 and grid.inactive >= 3
    trainee = Enrollment.objects.get(user__email="trainee@demo.jisr.ma")
    assert 0 < trainee.progress < 1
    assert Nomination.objects.filter(cohort=cohort, status="pending").count() == 1
    assert national_overview().totals.enrolled.value == 13
    assert mail.outbox == []
