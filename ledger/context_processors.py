from django.conf import settings


def budget(request):
    """Values every page template may use."""
    return {"BUDGET_CURRENCY": settings.BUDGET_CURRENCY}
