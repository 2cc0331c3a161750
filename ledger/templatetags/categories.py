from django import template

from ledger import rules

register = template.Library()


@register.filter
def category_label(category) -> str:
    """A category as menus name it: "Food (archived)" for an archived one."""
    return rules.category_label(category.name, category.is_archived)
