from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string

from core.demo import DemoResult


class Command(BaseCommand):
    help = "Create (or complete) the demo programmes, courses, guide, cohorts and users. Safe to run again."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.DEMO_ALLOWED):
            raise CommandError(
                "The demo creates accounts with a known password. Set DEMO_ALLOWED=true to load it on this server."
            )
        result = DemoResult()
        with transaction.atomic():
            for dotted_path in settings.DEMO_LOADERS:
                import_string(dotted_path)(result)

        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded: {result.created} created, {result.updated} updated.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already present: nothing changed."))

        self.stdout.write("")
        self.stdout.write("Demo logins (e-mail / password):")
        for role, email, password in result.logins:
            self.stdout.write(f"  {role:<26} {email:<32} {password}")
        for note in result.notes:
            self.stdout.write(note)
