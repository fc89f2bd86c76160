"""Load the guide in ineen/guide/content.py as a new version: `manage.py load_guide --version 2025.1`.

Creates the version and makes it current when the code does not exist yet. An existing version is
never edited (old conferences keep their wording): with a known code nothing changes.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ineen.guide import content
from ineen.guide.loading import load_version
from ineen.guide.models import GuideItem, GuidePhaseIntro, GuideVersion


class Command(BaseCommand):
    help = "Load ineen/guide/content.py as a new guide version (never edits an existing version)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version (the guide's version code) replaces Django's built-in --version flag.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--version", required=True, help="version code, e.g. 2025.1")
        parser.add_argument("--title", default=content.TITLE)
        parser.add_argument("--source", default=content.SOURCE)
        parser.add_argument("--published-on", default=None, help="YYYY-MM-DD; default today")

    def handle(self, *args, version, title, source, published_on, **options):
        code = version.strip()
        if not code or len(code) > 20:
            raise CommandError("--version needs a code of 1 to 20 characters.")
        try:
            published = datetime.date.fromisoformat(published_on) if published_on else datetime.date.today()
        except ValueError as exc:
            raise CommandError(f"--published-on: {exc}") from exc
        with transaction.atomic():
            version, created = load_version(
                GuideVersion,
                GuideItem,
                GuidePhaseIntro,
                code=code,
                title=title,
                source=source,
                published_on=published,
                make_current=True,
            )
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded guide version {version.code} ({version.items.count()} items); it is now current."
                )
            )
        else:
            self.stdout.write(self.style.WARNING(f"Guide version {version.code} exists already; nothing was changed."))
