"""Dates a person or client writes lie from 1900-01-01 to 2999-12-31 (issue 24).

The forms, the API and the services check it first; these triggers make the database
refuse a new date outside the range (an insert, or an update that changes the date),
while rows stored before keep their dates and can still be edited in their other fields
(a CHECK constraint would refuse any update of such a row). SQLite rebuilds a table when a
later migration alters it, which drops its triggers: such a migration must recreate them
(ledger/tests/security/test_date_bounds.py fails when a guard is missing).
"""

import ledger.rules
from django.db import migrations, models


# (table, date columns) as of this migration; frozen here, not imported from the app.
GUARDED = [
    ("ledger_expense", ["date"]),
    ("ledger_recurringexpense", ["start", "end"]),
    ("ledger_monthlyincome", ["month"]),
    ("ledger_allotment", ["month"]),
    ("ledger_category", ["rollover_from"]),
]
LOW, HIGH = "1900-01-01", "2999-12-31"

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ledger_dates_in_range() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    column_name text;
    new_value date;
BEGIN
    FOREACH column_name IN ARRAY TG_ARGV LOOP
        new_value := (to_jsonb(NEW) ->> column_name)::date;
        IF new_value IS NOT NULL
           AND (new_value < DATE '{LOW}' OR new_value > DATE '{HIGH}')
           AND (TG_OP = 'INSERT' OR new_value IS DISTINCT FROM (to_jsonb(OLD) ->> column_name)::date)
        THEN
            RAISE EXCEPTION '%.% must lie from {LOW} to {HIGH}, not %',
                TG_TABLE_NAME, column_name, new_value USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NEW;
END $$;
"""


def _sqlite_triggers(table, column):
    out_of_range = f"NEW.\"{column}\" NOT BETWEEN '{LOW}' AND '{HIGH}'"
    message = f"{table}.{column} must lie from {LOW} to {HIGH}"
    action = f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    return [
        f"CREATE TRIGGER {table}_{column}_in_range_insert BEFORE INSERT ON {table} "
        f"WHEN {out_of_range} {action}",
        f'CREATE TRIGGER {table}_{column}_in_range_update BEFORE UPDATE OF "{column}" '
        f'ON {table} WHEN NEW."{column}" IS NOT OLD."{column}" AND {out_of_range} {action}',
    ]


def create_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
        for table, columns in GUARDED:
            arguments = ", ".join(f"'{column}'" for column in columns)
            schema_editor.execute(
                f"CREATE TRIGGER {table}_dates_in_range BEFORE INSERT OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION ledger_dates_in_range({arguments})"
            )
    elif vendor == "sqlite":
        for table, columns in GUARDED:
            for column in columns:
                for statement in _sqlite_triggers(table, column):
                    schema_editor.execute(statement)


def drop_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table, _ in GUARDED:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_dates_in_range ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS ledger_dates_in_range()")
    elif vendor == "sqlite":
        for table, columns in GUARDED:
            for column in columns:
                for kind in ("insert", "update"):
                    schema_editor.execute(
                        f"DROP TRIGGER IF EXISTS {table}_{column}_in_range_{kind}"
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0014_importupload_parsed_once"),
    ]

    operations = [
        migrations.AlterField(
            model_name="allotment",
            name="month",
            field=models.DateField(
                help_text="The budget month, as the first day of the month it is named after.",
                validators=[ledger.rules.validate_writable_month],
            ),
        ),
        migrations.AlterField(
            model_name="category",
            name="rollover_from",
            field=models.DateField(
                blank=True,
                help_text="The first month that carries nothing in (the first day of its month).",
                null=True,
                validators=[ledger.rules.validate_writable_month],
            ),
        ),
        migrations.AlterField(
            model_name="expense",
            name="date",
            field=models.DateField(validators=[ledger.rules.validate_writable_date]),
        ),
        migrations.AlterField(
            model_name="monthlyincome",
            name="month",
            field=models.DateField(
                help_text="The first day of the month.",
                validators=[ledger.rules.validate_writable_month],
            ),
        ),
        migrations.AlterField(
            model_name="recurringexpense",
            name="end",
            field=models.DateField(
                blank=True, null=True, validators=[ledger.rules.validate_writable_date]
            ),
        ),
        migrations.AlterField(
            model_name="recurringexpense",
            name="start",
            field=models.DateField(validators=[ledger.rules.validate_writable_date]),
        ),
        migrations.RunPython(create_guards, drop_guards),
    ]
