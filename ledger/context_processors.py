from django.conf import settings
from django.utils.functional import SimpleLazyObject

from ledger import access


def budget(request):
    """Values every page template may use; the budget switcher queries only when shown."""
    return {
        "BUDGET_CURRENCY": settings.BUDGET_CURRENCY,
        "budget_nav": SimpleLazyObject(lambda: access.navigation(request)),
    }
