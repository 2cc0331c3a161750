"""Budgets own the data (issue 14), step 3 of 3: the old owner goes, the rules follow the budget."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "0006_move_rows_into_budgets")]

    operations = [
        # 4. The rules move from the user to the budget.
        migrations.RemoveConstraint(model_name="category", name="category_unique_name_per_owner"),
        migrations.RemoveConstraint(
            model_name="monthlyincome", name="income_unique_month_per_owner"
        ),
        migrations.RemoveIndex(model_name="expense", name="expense_owner_date"),
        migrations.RemoveConstraint(
            model_name="importprofile", name="importprofile_unique_header_per_owner"
        ),
        migrations.RemoveConstraint(
            model_name="rememberedcategory", name="rememberedcategory_unique_key_per_owner"
        ),
        migrations.RemoveField(model_name="importprofile", name="owner"),
        migrations.RemoveField(model_name="rememberedcategory", name="owner"),
        migrations.RemoveField(model_name="category", name="owner"),
        migrations.RemoveField(model_name="expense", name="owner"),
        migrations.RemoveField(model_name="monthlyincome", name="owner"),
        migrations.AlterField(
            model_name="category",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="categories",
                to="ledger.budget",
            ),
        ),
        migrations.AlterField(
            model_name="expense",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="expenses",
                to="ledger.budget",
            ),
        ),
        migrations.AlterField(
            model_name="monthlyincome",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="incomes",
                to="ledger.budget",
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="api_tokens",
                to="ledger.budget",
            ),
        ),
        migrations.AddConstraint(
            model_name="category",
            constraint=models.UniqueConstraint(
                models.F("budget"),
                django.db.models.functions.text.Lower("name"),
                name="category_unique_name_per_budget",
                violation_error_message="You already have a category with this name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="monthlyincome",
            constraint=models.UniqueConstraint(
                fields=("budget", "month"),
                name="income_unique_month_per_budget",
                violation_error_message="Income for this month is already set.",
            ),
        ),
        migrations.AddIndex(
            model_name="expense",
            index=models.Index(fields=["budget", "date", "id"], name="expense_budget_date"),
        ),
        migrations.AlterField(
            model_name="importprofile",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="import_profiles",
                to="ledger.budget",
            ),
        ),
        migrations.AlterField(
            model_name="rememberedcategory",
            name="budget",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="remembered_categories",
                to="ledger.budget",
            ),
        ),
        migrations.AddConstraint(
            model_name="importprofile",
            constraint=models.UniqueConstraint(
                fields=("budget", "header_key"), name="importprofile_unique_header_per_budget"
            ),
        ),
        migrations.AddConstraint(
            model_name="rememberedcategory",
            constraint=models.UniqueConstraint(
                fields=("budget", "description_key"),
                name="rememberedcategory_unique_key_per_budget",
            ),
        ),
    ]
