"""python manage.py questions_import FILE --course SLUG [--format xml|gift] [--category NAME] [--language ar|fr]

Imports a Moodle XML or GIFT file into a course's question bank. A file
with any error is rejected whole, with the line or question that failed."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.models import CoursePage
from learning.quizzes.interchange.parsed import ImportRejected
from learning.quizzes.services.bank import bank_file_read, question_bank_import


class Command(BaseCommand):
    help = "Import a question bank (Moodle XML or GIFT) into a course."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--course", required=True, help="The slug of the course (its Arabic page).")
        parser.add_argument("--format", choices=["xml", "gift"], default=None)
        parser.add_argument("--category", default="", help="The category to import into (default: the file's name).")
        parser.add_argument("--language", choices=["ar", "fr"], default="ar", help="The language the file is written in.")

    def handle(self, *args, file, course, format, category, language, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("%(file)s: no such file.") % {"file": file})
        pages = CoursePage.objects.filter(slug=course)
        page = next((p for p in pages if p.canonical_page.pk == p.pk), None) or (pages.first().canonical_page if pages else None)
        if page is None:
            raise CommandError(_("No course with the slug “%(slug)s”.") % {"slug": course})
        content = path.read_bytes()
        try:
            questions = bank_file_read(filename=path.name, content=content, file_format=format)
            created = question_bank_import(course=page, questions=questions, root_name=category or path.stem, language=language)
        except ImportRejected as error:
            raise CommandError(_("%(file)s, %(where)s: %(message)s Nothing was imported.") % {"file": path.name, "where": error.where, "message": error.message}) from None
        self.stdout.write(_("%(count)s questions imported into “%(course)s”.") % {"count": len(created), "course": page.title})
