"""Factories for learner state, and a course-tree builder for tests."""

import datetime as dt
from dataclasses import dataclass, field

import factory
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.regions import Region
from cms.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory
from cms.models import CoursePage, LessonPage, ModulePage, ProgrammePage

from .models import Cohort, Enrollment, EnrollmentSource


@dataclass
class CourseTree:
    programme: ProgrammePage
    course: CoursePage
    modules: list[ModulePage] = field(default_factory=list)
    lessons: list[list[LessonPage]] = field(default_factory=list)  # per module

    @property
    def all_lessons(self) -> list[LessonPage]:
        return [lesson for module_lessons in self.lessons for lesson in module_lessons]


def course_tree(home, *, modules: int = 3, lessons: int = 3, programme=None, **course_fields) -> CourseTree:
    """A live programme → course → modules → lessons tree under ``home``."""
    programme = programme or ProgrammePageFactory(parent=home)
    course = CoursePageFactory(parent=programme, **course_fields)
    tree = CourseTree(programme=programme, course=course)
    for m in range(modules):
        module = ModulePageFactory(parent=course, title=f"وحدة {m + 1}")
        tree.modules.append(module)
        tree.lessons.append([LessonPageFactory(parent=module, title=f"درس {m + 1}.{n + 1}") for n in range(lessons)])
    return tree


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    source = EnrollmentSource.SELF


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    name_ar = factory.Sequence(lambda n: f"فوج {n}")
    name_fr = factory.Sequence(lambda n: f"Cohorte {n}")
    region = Region.MARRAKECH_SAFI
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    capacity = 30

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.set(extracted)
