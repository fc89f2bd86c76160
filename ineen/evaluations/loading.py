"""Load the questionnaires' plain data (ineen.evaluations.content) into a new QuestionnaireVersion.

Used by the data migration (historical models) and by tests and a later `load_questionnaires` command (real
ones), so it takes the model classes. A version is only ever created, never changed."""

import datetime

from . import content as default_content


def load_version(Version, Item, *, content=default_content, published_on=None, make_current=True):  # noqa: N803
    if make_current:
        Version.objects.filter(is_current=True).update(is_current=False)
    version = Version.objects.create(
        code=content.CODE,
        title=content.TITLE,
        source=content.SOURCE,
        published_on=published_on or datetime.date(2022, 6, 1),
        is_current=make_current,
    )
    items = []
    for kind, rows in content.QUESTIONNAIRES.items():
        low, high, low_en, high_en = content.ENDS.get(
            kind, (content.LOW, content.HIGH, content.LOW_EN, content.HIGH_EN)
        )
        for order, (key, nl, en) in enumerate(rows, start=1):
            items.append(
                Item(
                    version=version,
                    kind=kind,
                    key=key,
                    order=order,
                    text_nl=nl,
                    text_en=en,
                    low_nl=low,
                    high_nl=high,
                    low_en=low_en,
                    high_en=high_en,
                )
            )
    Item.objects.bulk_create(items)
    return version
