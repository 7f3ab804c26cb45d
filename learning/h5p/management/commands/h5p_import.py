"""``python manage.py h5p_import FILE --title TITLE``: add an H5P activity
from the command line, as the Wagtail admin does. A rejected package exits
non-zero with one line saying why, and leaves nothing behind."""

from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from learning.h5p.services import activity_create
from learning.h5p.validation import PackageRejected


class Command(BaseCommand):
    help = "Import an .h5p package as an H5P activity (validated, then unpacked in the background)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the .h5p file")
        parser.add_argument("--title", default="", help="the activity's title (default: the package's own)")

    def handle(self, *args, file, title, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        with path.open("rb") as handle:
            try:
                activity = activity_create(title=title, package=File(handle, name=path.name))
            except PackageRejected as error:
                raise CommandError(f"{path.name}: {error}") from None
        activity.refresh_from_db()
        self.stdout.write(f"H5P activity {activity.pk} “{activity.title}” ({activity.main_library}): {activity.status}")
