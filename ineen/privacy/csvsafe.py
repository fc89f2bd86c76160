"""Spreadsheet formula injection protection for every CSV that Ineen writes.

A cell that starts with = + - @ TAB or CR is read by Excel, LibreOffice and Google Sheets as a formula
(e.g. `=HYPERLINK(...)` or `@SUM(...)`), so text typed into Ineen could run in the spreadsheet of the
person who opens the export (OWASP "CSV injection"). Such cells get a leading single quote, which
spreadsheets show as text. Numbers (int, float) are written as numbers: a negative number is not a
formula. Every CSV writer in Ineen uses `writer()` below instead of `csv.writer()`.
"""

import csv

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as it may be written into a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


def safe_row(row):
    return [safe_cell(value) for value in row]


class SafeWriter:
    """csv.writer with every cell passed through safe_cell."""

    def __init__(self, fileobj, **kwargs):
        self._writer = csv.writer(fileobj, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(fileobj, **kwargs) -> SafeWriter:
    return SafeWriter(fileobj, **kwargs)
