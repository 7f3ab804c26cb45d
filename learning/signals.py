"""Signals the learning app sends, for apps that must not be imported by it
(certificates listens to decide when to issue)."""

from django.dispatch import Signal

# A trainee completed a course (all required modules complete), decided on
# the server. sender=Enrollment model class, user=<User>, course_id=<int of the
# canonical CoursePage>, completed_at=<datetime>.
course_completed = Signal()

# An activity app (quizzes, H5P) reports that a trainee finished or passed an
# activity inside a lesson, so learning re-decides the lesson's completion.
# sender=<the app's model class>, user=<User>, lesson_id=<int of the canonical
# LessonPage>.
lesson_activity_completed = Signal()
