"""Demo: the sample import file (docs/import.sample.json) loaded into Haaglanden, so the chair sees three
households from old case files (two closed, one running, no team) and the dossier analysis has history."""

from ineen.access.actor import Actor

from .loading import import_case_files
from .validation import SCHEMA_PATH


def seed(house, chair) -> None:
    sample = SCHEMA_PATH.with_name("import.sample.json").read_bytes()
    import_case_files(actor=Actor.system(chair, channel="cli"), house=house, raw=sample)
