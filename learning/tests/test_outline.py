"""The completion and sequencing rules (learning.outline)."""

import pytest

from cms.factories import LessonPageFactory
from learning.factories import course_tree
from learning.outline import course_outline, course_outlines, course_state


def ids(lessons):
    return [lesson.pk for lesson in lessons]


@pytest.mark.django_db
def test_outline_follows_the_page_tree_and_skips_unpublished_pages(tree):
    # given an unpublished lesson in module 1
    draft = LessonPageFactory(parent=tree.modules[0], live=False)

    # when
    outline = course_outline(tree.course)

    # then
    assert [module.id for module in outline.modules] == ids(tree.modules)
    assert [module.position for module in outline.modules] == [1, 2, 3]
    assert [lesson.id for lesson in outline.modules[0].lessons] == ids(tree.lessons[0])
    assert draft.pk not in {lesson.id for lesson in outline.lessons}


@pytest.mark.django_db
def test_outlines_of_many_courses_cost_two_queries(home_page, django_assert_num_queries):
    # given five courses of 4 × 4
    trees = [course_tree(home_page, modules=4, lessons=4) for _ in range(5)]

    # when / then
    with django_assert_num_queries(2):
        outlines = course_outlines([t.course for t in trees])
    assert {len(outlines[t.course.pk].lessons) for t in trees} == {16}


@pytest.mark.django_db
def test_a_module_that_requires_the_previous_one_is_locked_until_it_is_complete(tree):
    outline = course_outline(tree.course)

    # given nothing done
    state = course_state(outline, [])
    # then module 1 is open, 2 and 3 are locked by their predecessor
    assert [s.locked_by.id if s.locked_by else None for s in state.modules] == [None, tree.modules[0].pk, tree.modules[1].pk]
    assert state.lesson_locked_by(tree.lessons[1][0].pk).position == 1

    # given module 1 done
    state = course_state(outline, ids(tree.lessons[0]))
    # then module 2 opens, module 3 still waits for module 2
    assert state.modules[0].complete and not state.modules[1].locked
    assert state.modules[2].locked_by.id == tree.modules[1].pk
    assert state.percent == 33


@pytest.mark.django_db
def test_optional_lessons_do_not_count_and_a_free_module_is_never_locked(tree):
    # given lesson 1.3 optional and module 3 free of the previous one
    optional = tree.lessons[0][2]
    optional.required_for_completion = False
    optional.save()
    tree.modules[2].requires_previous = False
    tree.modules[2].save()
    outline = course_outline(tree.course)

    # when the two required lessons of module 1 are done
    state = course_state(outline, ids(tree.lessons[0][:2]))

    # then module 1 is complete; module 3 was open all along
    assert state.modules[0].complete
    assert state.required == 8
    assert not state.modules[2].locked


@pytest.mark.django_db
def test_the_course_is_complete_when_every_module_is(tree):
    outline = course_outline(tree.course)
    assert not course_state(outline, ids(tree.all_lessons[:-1])).complete
    state = course_state(outline, ids(tree.all_lessons))
    assert state.complete and state.progress == 1.0 and state.next_lesson() is None


@pytest.mark.django_db
def test_a_course_without_lessons_is_never_complete(home_page):
    empty = course_tree(home_page, modules=2, lessons=0)
    state = course_state(course_outline(empty.course), [])
    assert not state.complete and state.progress == 0.0


@pytest.mark.django_db
def test_next_lesson_is_the_first_undone_lesson_of_an_open_module(tree):
    state = course_state(course_outline(tree.course), ids(tree.lessons[0][:1]))
    assert state.next_lesson().id == tree.lessons[0][1].pk
