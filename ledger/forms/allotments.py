"""The month's budget page form: one amount per active category, named `allot-<category id>`.

An empty field means "use the monthly limit" (the allotment is cleared). A
category whose field is not in the POST at all (the page was opened before the
category was made) is left as it is.
"""

from dataclasses import dataclass
from decimal import Decimal

from django import forms

from ledger.forms.fields import MoneyField

PREFIX = "allot-"


def field_name(category_id: int) -> str:
    return f"{PREFIX}{category_id}"


@dataclass(frozen=True)
class Entry:
    """One row of the form as the page writes it: the category's line and its box."""

    plan: object  # selectors.PlanLine
    name: str
    id: str
    value: str
    errors: list


class MonthAllotmentsForm(forms.Form):
    """Amounts for the month's active categories (`lines`: selectors.PlanLine)."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for plan in lines:
            field = MoneyField(positive=False, required=False, label=plan.line.name)
            field.initial = plan.allotment
            self.fields[field_name(plan.line.id)] = field

    def amounts(self) -> dict[int, Decimal | None]:
        """Category id -> the amount to allot (None: the limit), for the fields posted."""
        return {
            plan.line.id: self.cleaned_data[field_name(plan.line.id)]
            for plan in self.lines
            if field_name(plan.line.id) in self.data
        }

    def entries(self) -> list[Entry]:
        """What each row's box shows: the posted text, else the allotment set (else empty)."""
        # The form's errors, not each BoundField's: those make an empty ErrorList per field.
        errors = self.errors if self.is_bound else {}
        entries = []
        for plan in self.lines:
            name = field_name(plan.line.id)
            bound = self[name]
            value = bound.value()
            if isinstance(value, Decimal):
                value = f"{value:f}"
            entries.append(Entry(plan, name, bound.auto_id, value or "", errors.get(name, [])))
        return entries
