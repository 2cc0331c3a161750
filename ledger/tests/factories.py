"""factory-boy factories for every model; build only what a test needs."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from ledger import services
from ledger.models import (
    ApiToken,
    Budget,
    Category,
    Expense,
    Membership,
    MonthlyIncome,
    RecurringExpense,
    Role,
)
from ledger.services import budgets as budget_services
from ledger.services.money_changes import money_changes

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


def budget_of(user):
    """`user`'s own budget ("<username>'s budget"), made when they have none yet."""
    return budget_services.own_budget(user=user)


def _own_budget(params):
    # `owner=user` (how the tests said it before budgets): that user's own budget.
    return budget_of(params.owner if params.owner is not None else UserFactory())


class CategoryFactory(factory.django.DjangoModelFactory):
    """A category of `budget`; `owner=user` puts it in that user's own budget."""

    class Meta:
        model = Category

    class Params:
        owner = None

    budget = factory.LazyAttribute(_own_budget)
    name = factory.Sequence(lambda n: f"Category {n}")
    limit = Decimal("300.00")


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    class Params:
        owner = None  # also the member who recorded it

    category = factory.SubFactory(CategoryFactory, owner=factory.SelfAttribute("..owner"))
    budget = factory.SelfAttribute("category.budget")
    created_by = factory.SelfAttribute("owner")
    amount = Decimal("12.50")
    date = datetime.date(2026, 3, 15)
    description = factory.Sequence(lambda n: f"Expense {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The row, through the unit of work every write path uses (the monthly totals)."""
        with money_changes() as changes:
            changes.lock(categories=[kwargs["category"].pk])
            expense = super()._create(model_class, *args, **kwargs)
            changes.add([expense])
        return expense


class MonthlyIncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyIncome

    class Params:
        owner = None

    budget = factory.LazyAttribute(_own_budget)
    month = datetime.date(2026, 3, 1)
    amount = Decimal("3000.00")
    note = ""


class SuperuserFactory(UserFactory):
    """A staff superuser, for the admin."""

    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token whose text is on `.raw` (only its hash is stored)."""

    class Meta:
        model = ApiToken

    owner = factory.SubFactory(UserFactory)
    budget = factory.LazyAttribute(lambda token: budget_of(token.owner))
    name = factory.Sequence(lambda n: f"Token {n}")

    @classmethod
    def _create(cls, model_class, owner, budget, name, **kwargs):
        token, raw = services.issue_api_token(owner=owner, budget=budget, name=name)
        for field, value in kwargs.items():
            setattr(token, field, value)
        if kwargs:
            token.save()
        token.raw = raw
        return token


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    name = factory.Sequence(lambda n: f"Budget {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """`user` in `budget` as `role` (an editor unless told)."""

    class Meta:
        model = Membership

    budget = factory.SubFactory(BudgetFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.EDITOR


def bulk_create_expenses(expenses) -> list:
    """`Expense.objects.bulk_create` in one unit of work (so the monthly totals follow)."""
    expenses = list(expenses)
    with money_changes() as changes:
        changes.lock(categories={expense.category_id for expense in expenses})
        created = Expense.objects.bulk_create(expenses)
        changes.add(created)
    return created


class RecurringExpenseFactory(factory.django.DjangoModelFactory):
    """A schedule of `category`'s budget, made through the service (`today`: the day it is
    made, 2026-01-01 unless told); monthly, 50.00, not posting by itself unless told."""

    class Meta:
        model = RecurringExpense

    class Params:
        owner = None

    category = factory.SubFactory(CategoryFactory, owner=factory.SelfAttribute("..owner"))
    amount = Decimal("50.00")
    description = factory.Sequence(lambda n: f"Bill {n}")
    frequency = "monthly"
    start = datetime.date(2026, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, today=datetime.date(2026, 1, 1), **kwargs):
        kwargs.setdefault("budget", kwargs["category"].budget)
        return services.create_recurring_expense(today=today, **kwargs)
