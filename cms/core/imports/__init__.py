"""Spreadsheet imports shared by every module (catalog, disclosures, guides, villages, grid).

- ``reading``: bytes of a .xlsx or .csv file → a clean table with Excel row numbers.
- ``widgets``: cell converters whose errors are the Chinese messages editors see.
- ``resources``: the base import-export Resource that checks rows and collects notices.
- ``running``: dry run or real run, all-or-nothing, and the per-row report.
- ``views`` / ``admin``: the generic Wagtail admin import view and its URLs and menu item.
- ``commands``: the base management command with progress and a non-zero exit on failure.
"""
