"""factory-boy factories for every model; build only what a test needs."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from ledger import services
from ledger.models import ApiToken, Category, Expense, MonthlyIncome

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    limit = Decimal("300.00")


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    category = factory.SubFactory(CategoryFactory)
    owner = factory.SelfAttribute("category.owner")
    amount = Decimal("12.50")
    date = datetime.date(2026, 3, 15)
    description = factory.Sequence(lambda n: f"Expense {n}")


class MonthlyIncomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyIncome

    owner = factory.SubFactory(UserFactory)
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
    name = factory.Sequence(lambda n: f"Token {n}")

    @classmethod
    def _create(cls, model_class, owner, name, **kwargs):
        token, raw = services.issue_api_token(owner=owner, name=name)
        for field, value in kwargs.items():
            setattr(token, field, value)
        if kwargs:
            token.save()
        token.raw = raw
        return token
