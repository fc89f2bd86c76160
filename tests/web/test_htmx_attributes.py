"""htmx's attributes as valid HTML: `data-hx-*` (htmx reads both), never bare `hx-*`, which the Nu Html Checker
reports as errors (issue 9: 18 errors on the case list, the new-conference form and the workspace)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "ineen"
BARE = re.compile(r"(?<![\w-])hx-[a-z-]+=")


def test_no_bare_hx_attributes_in_templates_or_template_tags():
    found = []
    for path in [*ROOT.rglob("*.html"), *ROOT.rglob("templatetags/*.py")]:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if BARE.search(line):
                found.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()[:80]}")
    assert found == []


def test_the_check_sees_a_bare_attribute():
    assert BARE.search('<form hx-post="/x">') and not BARE.search('<form data-hx-post="/x">')
