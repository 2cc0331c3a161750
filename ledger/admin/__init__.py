"""The Django admin for bulk edits: `site` registers the models, `forms` and
`resources` hold its change forms and CSV import/export resources.

Django's admin autodiscovery imports `ledger.admin`; importing `site` here registers everything.
"""

from ledger.admin import people, site  # noqa: F401
