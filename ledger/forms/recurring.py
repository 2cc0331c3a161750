"""The recurring expense form: field names are the API's (`category`, `amount`, `description`,
`frequency`, `interval`, `start`, `end`, `count`, `day_of_month`, `last_day`, `auto_post`,
`active`; `record_past` when creating). The service's rules say what is wrong, field by field."""

from django import forms

from ledger import services
from ledger.forms.fields import CategoryChoiceField, MoneyField
from ledger.models import Category, Frequency, RecurringExpense
from ledger.models.recurring import COUNT_MAX, INTERVAL_MAX
from ledger.rules import CHOOSE_ACTIVE_CATEGORY, DESCRIPTION_MAX, RECORD_PAST_MAX

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": "Enter a real date as YYYY-MM-DD."}


def _date_field(**kwargs):
    kwargs.setdefault("widget", DATE_WIDGET)
    return forms.DateField(input_formats=["%Y-%m-%d"], error_messages=DATE_ERRORS, **kwargs)


class RecurringExpenseForm(forms.Form):
    description = forms.CharField(max_length=DESCRIPTION_MAX, required=False, strip=True)
    category = CategoryChoiceField(
        queryset=Category.objects.none(),
        empty_label="Choose a category",
        error_messages={"invalid_choice": CHOOSE_ACTIVE_CATEGORY},
    )
    amount = MoneyField(positive=True)
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.MONTHLY)
    interval = forms.IntegerField(
        label="Every",
        min_value=1,
        max_value=INTERVAL_MAX,
        initial=1,
        help_text="1: every week, month or year; 2: every other one.",
    )
    start = _date_field(label="First date")
    day_of_month = forms.IntegerField(
        label="Day of the month",
        min_value=1,
        max_value=31,
        required=False,
        help_text="Monthly only; empty: the first date's day. A day the month lacks means "
        "its last day (the 31st is 30 April).",
    )
    last_day = forms.BooleanField(label="On the last day of every month", required=False)
    end = _date_field(label="Last possible date", required=False)
    count = forms.IntegerField(
        label="Number of times",
        min_value=1,
        max_value=COUNT_MAX,
        required=False,
        help_text="Or an end date, not both; both empty: until you stop it.",
    )
    auto_post = forms.BooleanField(
        label="Record it by itself on the day",
        required=False,
        help_text="Otherwise it shows as due on the summary, with Record and Skip buttons.",
    )
    active = forms.BooleanField(label="Active", required=False, initial=True)
    record_past = forms.IntegerField(
        label="Also record the past occurrences",
        min_value=0,
        max_value=RECORD_PAST_MAX,
        required=False,
        help_text="How many of those dated before today to record now (empty: none).",
    )

    def __init__(self, *args, budget, recurring: RecurringExpense | None = None, **kwargs):
        self.budget, self.recurring = budget, recurring
        super().__init__(*args, **kwargs)
        categories = Category.objects.for_budget(budget)
        if recurring is None:
            self.fields["category"].queryset = categories.active()
            del self.fields["active"]
        else:
            self.fields["category"].queryset = categories.filter(is_archived=False) | (
                categories.filter(pk=recurring.category_id)
            )
            del self.fields["record_past"]
        self.fields["amount"].with_currency("Amount")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        fields = {name: cleaned.get(name) for name in services.SCHEDULE_FIELDS if name in cleaned}
        fields.setdefault("active", True)
        draft = RecurringExpense(budget=self.budget, **fields)
        for field, message in services.schedule_errors(draft).items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned

    def schedule(self) -> dict:
        """The cleaned fields the services take."""
        return {
            name: self.cleaned_data[name]
            for name in services.SCHEDULE_FIELDS
            if name in self.cleaned_data
        }


class RecordOccurrenceForm(forms.Form):
    """Record one occurrence: its date (from the summary) and the amount, editable."""

    date = _date_field(widget=forms.HiddenInput)
    amount = MoneyField(positive=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].with_currency("Amount")


class SkipOccurrenceForm(forms.Form):
    date = _date_field(widget=forms.HiddenInput)
