"""Every write to a ledger model goes through ledger/services/: nothing else saves, creates,
updates or deletes one.

The check reads each module's syntax tree and follows, inside each module, what holds a
ledger model, its manager or queryset, an instance of one or a ModelForm of one: a name
imported from the models, a call on one, a variable or `self.<attr>` assigned from one, a
parameter annotated with a model, a function returning one, a loop over one, the objects
an admin or a view of a ledger model is handed (`obj`, `queryset`, `self.object`, `form`).
A write method called on any of these is reported, and so is `form.save()` when the form's
class is unknown (a mixin) and `super().save_model(...)`-style calls into library writes.
The tests at the end run the checker on small snippets, so it is known to catch writes.

Within the services, the tables derived from the money rows (`MonthlyTotal`) are written by
the unit of work alone (ledger/services/money_changes/), in Python or in SQL, and its inner
modules are imported by nobody else.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

import ledger

WRITES = {
    "save",
    "create",
    "bulk_create",
    "bulk_update",
    "update",
    "update_or_create",
    "get_or_create",
    "delete",
}
# Library methods that write the instance or queryset they are given.
LIBRARY_WRITES = WRITES | {
    "save_model",
    "delete_model",
    "delete_queryset",
    "save_formset",
    "save_instance",
    "do_instance_save",
    "delete_instance",
}
# Parameters that hold a ledger row or queryset in admin and import-export classes.
ADMIN_PARAMS = {"obj", "queryset", "instance"}
ROOT = Path(ledger.__file__).parent
SKIPPED = ("services", "migrations", "tests")
SEED_COMMANDS = {"seed_demo.py", "seed_bench.py"}


def ledger_model_names() -> set[str]:
    return {model.__name__ for model in apps.get_app_config("ledger").get_models()}


def checked_modules() -> list[Path]:
    """Every module of the app outside the services, migrations, tests and seed commands."""
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if path.relative_to(ROOT).parts[0] not in SKIPPED and path.name not in SEED_COMMANDS
    )


def _last_name(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _module_level(tree):
    """The nodes of a module outside its functions and classes."""
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield node
        todo.extend(ast.iter_child_nodes(node))


def _is_form(node) -> bool:
    name = _last_name(node)
    return name is not None and (name == "form" or name.endswith("_form"))


def _meta_model(cls: ast.ClassDef) -> str | None:
    """The name assigned to `model` in a class's inner `class Meta`, if any."""
    for item in cls.body:
        if isinstance(item, ast.ClassDef) and item.name == "Meta":
            for stmt in item.body:
                if isinstance(stmt, ast.Assign) and any(
                    _last_name(t) == "model" for t in stmt.targets
                ):
                    return _last_name(stmt.value)
    return None


def model_form_names(sources: list[str], models: set[str]) -> set[str]:
    """Classes whose inner Meta names a ledger model (ModelForms, resources), and their subclasses."""
    classes = [
        node
        for source in sources
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef)
    ]
    found = {cls.name for cls in classes if _meta_model(cls) in models}
    while True:
        more = {
            cls.name
            for cls in classes
            if cls.name not in found and any(_last_name(b) in found for b in cls.bases)
        }
        if not more:
            return found
        found |= more


class _Scope:
    """What holds ledger data in one function (or at module level)."""

    def __init__(self):
        self.tainted = set()  # names holding ledger models, querysets, rows, ModelForms
        self.other_forms = set()  # names holding a form of something else


class WriteFinder:
    def __init__(self, source: str, models: set[str], forms: set[str]):
        self.tree = ast.parse(source)
        self.models = set(models)
        self.forms = set(forms) | model_form_names([source], models)
        self._aliases()
        self.returns_ledger = set()  # functions and methods that return ledger data
        self.found: list[tuple[int, str]] = []

    def _aliases(self):
        # `from ledger.models import Expense as E` makes `E` a model too.
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.asname and alias.name in self.models:
                        self.models.add(alias.asname)
                    if alias.asname and alias.name in self.forms:
                        self.forms.add(alias.asname)

    # -- what an expression holds -------------------------------------------------

    def holds_ledger(self, node, scope: _Scope, cls: "_Class | None") -> bool:
        if isinstance(node, ast.Name):
            if node.id == "self" and cls is not None and cls.self_is_ledger:
                return True
            return node.id in self.models or node.id in scope.tainted
        if isinstance(node, ast.Attribute):
            if node.attr in self.models:
                return True  # models.Category
            if isinstance(node.value, ast.Name) and node.value.id == "self" and cls:
                return node.attr in cls.tainted_attrs or (
                    cls.self_is_ledger and not node.attr.startswith("__")
                )
            if node.attr.startswith("__"):
                return False
            if _is_form(node.value) and node.attr != "instance":
                return False  # form.cleaned_data, form.errors: a form's own dicts and lists
            return self.holds_ledger(node.value, scope, cls)
        if isinstance(node, ast.Subscript):
            return self.holds_ledger(node.value, scope, cls)
        if isinstance(node, ast.Call):
            func = node.func
            if _last_name(func) in self.forms:
                return True  # CategoryForm(...)
            if isinstance(func, ast.Name) and func.id in self.returns_ledger:
                return True
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in ("self", "cls")
                and func.attr in self.returns_ledger
            ):
                return True
            if isinstance(func, ast.Attribute) and self.holds_ledger(func.value, scope, cls):
                return True  # Category.objects.filter(...), category.expenses.all()
            if isinstance(func, ast.Name) and func.id in self.models:
                return True  # Category(...)
            # get_object_or_404(queryset, ...), list(queryset), next(iter(rows))
            return any(self.holds_ledger(arg, scope, cls) for arg in node.args)
        if isinstance(node, ast.Await):
            return self.holds_ledger(node.value, scope, cls)
        return False

    # -- walking ---------------------------------------------------------------------

    def run(self) -> list[tuple[int, str]]:
        for _ in range(3):  # functions returning ledger data, then their callers
            self._collect_returns()
        module_scope = self._learn(_Scope(), lambda: _module_level(self.tree), None)
        self._visit_body(self.tree.body, module_scope, None)
        return sorted(set(self.found))

    def _collect_returns(self):
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ClassDef):
                cls = _Class(node, self)
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        self._note_return(item, cls)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self._note_return(node, None)

    def _note_return(self, func, cls):
        if _last_name(func.returns) in self.models:
            self.returns_ledger.add(func.name)
            return
        scope = self._scope_for(func, cls)
        for node in ast.walk(func):
            returned = isinstance(node, ast.Return) and node.value is not None
            if returned and self.holds_ledger(node.value, scope, cls):
                self.returns_ledger.add(func.name)

    def _scope_for(self, func, cls) -> _Scope:
        scope = _Scope()
        args = func.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            annotation = arg.annotation
            names = {_last_name(n) for n in ast.walk(annotation)} if annotation else set()
            if names & self.models or (
                isinstance(annotation, ast.Constant) and str(annotation.value) in self.models
            ):
                scope.tainted.add(arg.arg)
            if cls and cls.is_admin and arg.arg in ADMIN_PARAMS:
                scope.tainted.add(arg.arg)
            if cls and arg.arg == "form":
                if cls.form_class in self.forms or (cls.form_class is None and cls.model):
                    scope.tainted.add("form")
                elif cls.form_class is not None:
                    scope.other_forms.add("form")
        return self._learn(scope, lambda: ast.walk(func), cls)

    def _learn(self, scope, nodes, cls) -> _Scope:
        """Add what assignments and loops put in names, until nothing more is learned."""
        while True:
            before = (len(scope.tainted), len(scope.other_forms))
            for node in nodes():
                if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    self._assign(targets, node.value, scope, cls)
                elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
                    self._assign([node.target], node.iter, scope, cls)
                elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                    self._assign([node.optional_vars], node.context_expr, scope, cls)
            if (len(scope.tainted), len(scope.other_forms)) == before:
                return scope

    def _assign(self, targets, value, scope, cls):
        if value is None:
            return
        ledger_value = self.holds_ledger(value, scope, cls)
        other_form = (
            isinstance(value, ast.Call)
            and not ledger_value
            and (_last_name(value.func) or "").endswith("Form")
        )
        for target in targets:
            for node in ast.walk(target):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    if ledger_value:
                        scope.tainted.add(node.id)
                    elif other_form:
                        scope.other_forms.add(node.id)

    def _visit_body(self, body, scope, cls):
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                inner = _Class(stmt, self)
                for item in stmt.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        self._visit_function(item, inner)
                    else:
                        self._check(item, scope, inner)
            elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
                self._visit_function(stmt, cls)
            else:
                self._check(stmt, scope, cls)

    def _visit_function(self, func, cls):
        scope = self._scope_for(func, cls)
        for decorator in func.decorator_list:
            self._check(decorator, _Scope(), cls)
        self._visit_body(func.body, scope, cls)

    def _check(self, stmt, scope, cls):
        for node in ast.walk(stmt):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue  # visited with their own scope (the walk still enters them: see below)
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            method, receiver = node.func.attr, node.func.value
            if self._writes(method, receiver, scope, cls):
                self.found.append((node.lineno, ast.unparse(node.func)))

    def _writes(self, method, receiver, scope, cls) -> bool:
        if (
            isinstance(receiver, ast.Call)
            and _last_name(receiver.func) == "super"
            and method in LIBRARY_WRITES
        ):
            return True
        if method not in WRITES:
            return False
        if _is_form(receiver) and method == "save":
            name = _last_name(receiver)
            return name not in scope.other_forms or name in scope.tainted
        return self.holds_ledger(receiver, scope, cls)


class _Class:
    """What a class says about the ledger data its methods handle."""

    def __init__(self, node: ast.ClassDef, finder: WriteFinder):
        bases = {_last_name(b) or "" for b in node.bases}
        assigned = {}
        for item in node.body:
            if isinstance(item, ast.Assign):
                for target in item.targets:
                    if isinstance(target, ast.Name):
                        assigned[target.id] = _last_name(item.value)
        self.model = assigned.get("model") if assigned.get("model") in finder.models else None
        self.form_class = assigned.get("form_class") if "form_class" in assigned else None
        decorated = any(
            isinstance(d, ast.Call) and any(_last_name(a) in finder.models for a in d.args)
            for d in node.decorator_list
        )
        self.is_admin = (
            decorated
            or any(b.endswith(("Admin", "Resource")) for b in bases)
            or node.name.endswith(("Admin", "Resource"))
        )
        # A model's own methods, and its managers' and querysets', handle ledger rows as `self`.
        self.self_is_ledger = node.name in finder.models or any(
            b.endswith(("QuerySet", "Manager")) for b in bases
        )
        self.tainted_attrs = {"object", "model"} if self.model else set()
        if node.name in finder.forms:
            self.tainted_attrs.add("instance")
        # `self.x = <ledger data>` in any method makes `self.x` ledger data in all of them.
        for _ in range(2):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    scope = finder._scope_for(item, self)
                    for sub in ast.walk(item):
                        if isinstance(sub, ast.Assign) and finder.holds_ledger(
                            sub.value, scope, self
                        ):
                            for target in sub.targets:
                                if (
                                    isinstance(target, ast.Attribute)
                                    and isinstance(target.value, ast.Name)
                                    and target.value.id == "self"
                                ):
                                    self.tainted_attrs.add(target.attr)


def find_writes(source: str, models=None, forms=()) -> list[tuple[int, str]]:
    """(line, call) of every write to a ledger model in `source`."""
    models = ledger_model_names() if models is None else set(models)
    return WriteFinder(source, models, set(forms)).run()


def app_form_names(models) -> set[str]:
    return model_form_names([path.read_text() for path in ROOT.rglob("*.py")], models)


# The rule, on the app -------------------------------------------------------------------


def test_no_module_outside_the_services_writes_a_ledger_model():
    models = ledger_model_names()
    forms = app_form_names(models)
    writes = {
        str(path.relative_to(ROOT.parent)): found
        for path in checked_modules()
        if (found := find_writes(path.read_text(), models, forms))
    }
    assert writes == {}


def test_it_checks_every_module_of_the_app_but_the_services_migrations_tests_and_seeds():
    checked = {str(path.relative_to(ROOT)) for path in checked_modules()}
    assert {"views/expenses.py", "api/expenses.py", "admin/site.py", "models/ledger.py"} <= checked
    assert "transfer/backup.py" in checked
    assert "management/commands/import_ledger.py" in checked
    assert not {p for p in checked if p.startswith(("services/", "migrations/", "tests/"))}
    assert not checked & {"management/commands/seed_demo.py", "management/commands/seed_bench.py"}


def test_the_rule_covers_every_model_of_the_app():
    assert {"Category", "Expense", "MonthlyIncome", "ApiToken"} <= ledger_model_names()


def test_the_app_forms_of_ledger_models_are_known():
    forms = app_form_names(ledger_model_names())
    assert {"CategoryForm", "ExpenseForm", "IncomeForm", "ExpenseAdminForm"} <= forms


@pytest.mark.django_db
def test_the_admin_saves_and_deletes_ledger_models_only_through_the_services(admin_user):
    # Django's own save_model/delete_model/delete_queryset write directly: each admin of a
    # ledger model replaces them, or does not allow that write at all.
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "ledger":
            continue
        kind = type(model_admin)
        can_save = model_admin.has_add_permission(request) or model_admin.has_change_permission(
            request
        )
        if can_save:
            assert kind.save_model.__module__.startswith("ledger."), model
        if model_admin.has_delete_permission(request):
            assert kind.delete_model.__module__.startswith("ledger."), model
            assert kind.delete_queryset.__module__.startswith("ledger."), model
        for resource in getattr(model_admin, "resource_classes", []):
            assert resource.do_instance_save.__module__.startswith("ledger."), resource


# The checker, on snippets: it finds writes ----------------------------------------------

MODELS = {"Category", "Expense", "MonthlyIncome", "ApiToken", "ImportProfile"}
FORMS = {"CategoryForm", "ExpenseForm"}


def writes_in(source: str) -> list[str]:
    return [call for _, call in find_writes(source, MODELS, FORMS)]


@pytest.mark.parametrize(
    ("source", "call"),
    [
        ("Category.objects.create(name='x')", "Category.objects.create"),
        (
            "Expense.objects.filter(budget=budget_of(u)).update(amount=1)",
            "Expense.objects.filter(budget=budget_of(u)).update",
        ),
        ("Category.objects.bulk_create(rows)", "Category.objects.bulk_create"),
        ("Expense.objects.bulk_update(rows, ['amount'])", "Expense.objects.bulk_update"),
        (
            "MonthlyIncome.objects.update_or_create(owner=u)",
            "MonthlyIncome.objects.update_or_create",
        ),
        ("Category.objects.get_or_create(owner=u)", "Category.objects.get_or_create"),
        ("ApiToken.objects.for_user(u).delete()", "ApiToken.objects.for_user(u).delete"),
        ("ImportProfile.objects.create(budget=budget_of(u))", "ImportProfile.objects.create"),
        ("models.Expense.objects.all().delete()", "models.Expense.objects.all().delete"),
        (
            "from ledger.models import Expense as E\nE.objects.all().delete()",
            "E.objects.all().delete",
        ),
        ("c = Category(budget=budget_of(u))\nc.save()", "c.save"),
        ("def f(category: Category):\n    category.delete()", "category.delete"),
        ("def f(income: 'MonthlyIncome'):\n    income.save()", "income.save"),
        ("def f(e: Expense | None):\n    e.save()", "e.save"),
        ("for e in Expense.objects.for_budget(budget_of(u)):\n    e.delete()", "e.delete"),
        ("rows = list(Expense.objects.all())\nrows[0].save()", "rows[0].save"),
        ("e = get_object_or_404(Expense.objects.all(), pk=1)\ne.save()", "e.save"),
        ("c = Category.objects.get(pk=1)\nc.expenses.update(amount=2)", "c.expenses.update"),
        (
            "def mine(u):\n    return Expense.objects.for_budget(budget_of(u))\nmine(u).delete()",
            "mine(u).delete",
        ),
        ("def one(u) -> Expense:\n    ...\none(u).save()", "one(u).save"),
        ("form = CategoryForm(data, owner=u)\nform.save()", "form.save"),
        ("CategoryForm(data).save()", "CategoryForm(data).save"),
        ("form = CategoryForm(data)\nform.instance.save()", "form.instance.save"),
    ],
)
def test_the_checker_finds_a_write(source, call):
    assert writes_in(source) == [call]


def test_the_checker_finds_a_model_form_saved_by_a_view():
    source = (
        "class V(UpdateView):\n"
        "    form_class = ExpenseForm\n"
        "    def form_valid(self, form):\n"
        "        self.object = form.save()\n"
    )
    assert writes_in(source) == ["form.save"]


def test_the_checker_finds_a_form_saved_by_a_mixin_that_does_not_say_which():
    source = "class M:\n    def form_valid(self, form):\n        form.save()\n"
    assert writes_in(source) == ["form.save"]


def test_the_checker_finds_a_view_deleting_its_object():
    source = (
        "class D(DeleteView):\n"
        "    model = Expense\n"
        "    def form_valid(self, form):\n"
        "        self.object.delete()\n"
    )
    assert writes_in(source) == ["self.object.delete"]


def test_the_checker_finds_writes_through_self_attributes():
    source = (
        "class V(View):\n"
        "    def setup(self, request):\n"
        "        self.category = Category.objects.get(pk=1)\n"
        "    def post(self, request):\n"
        "        self.category.save()\n"
    )
    assert writes_in(source) == ["self.category.save"]


def test_the_checker_finds_admin_writes():
    source = (
        "@admin.register(Expense)\n"
        "class ExpenseAdmin(admin.ModelAdmin):\n"
        "    def delete_queryset(self, request, queryset):\n"
        "        queryset.delete()\n"
        "    def save_model(self, request, obj, form, change):\n"
        "        super().save_model(request, obj, form, change)\n"
        "    def mark(self, request, queryset):\n"
        "        queryset.update(amount=1)\n"
    )
    assert writes_in(source) == [
        "queryset.delete",
        "super().save_model",
        "queryset.update",
    ]


def test_the_checker_finds_a_resource_saving_its_instance():
    source = (
        "class ExpenseResource(resources.ModelResource):\n"
        "    def do_instance_save(self, instance, is_create):\n"
        "        instance.save()\n"
    )
    assert writes_in(source) == ["instance.save"]


def test_the_checker_finds_writes_in_model_and_queryset_methods():
    source = (
        "class ApiTokenQuerySet(models.QuerySet):\n"
        "    def touch(self, pk):\n"
        "        self.filter(pk=pk).update(last_used_at=now)\n"
        "class ApiToken(models.Model):\n"
        "    def revoke(self):\n"
        "        self.save(update_fields=['revoked_at'])\n"
    )
    assert writes_in(source) == ["self.filter(pk=pk).update", "self.save"]


def test_the_checker_reports_the_line():
    assert find_writes("x = 1\n\nCategory.objects.create()\n", MODELS, FORMS) == [
        (3, "Category.objects.create")
    ]


# ... and leaves everything else alone ------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "response.delete_cookie('sessionid')",
        "d = {}\nd.update(a=1)",
        "d = dict(category=Category.objects.first())\nd.update(a=1)",
        "cache.delete('key')",
        "request.session.save()",
        "seen = set()\nseen.update(names)",
        "@router.delete('{int:pk}')\ndef remove(request, pk):\n    pass",
        "Category.objects.filter(budget=budget_of(u)).count()",
        "services.record_expense(budget=budget_of(u), created_by=u, category=c, amount=a, date=d)",
        "names = [c.name for c in Category.objects.all()]",
        "form = UserCreationForm(request.POST)\nuser = form.save()",
        "class S(FormView):\n    form_class = UserCreationForm\n"
        "    def form_valid(self, form):\n        form.save()\n",
        "class F(forms.ModelForm):\n    class Meta:\n        model = Category\n"
        "    def clean(self):\n        self.cleaned_data.update(x=1)\n",
        "def f(category: Category):\n    category.__dict__.update(other.__dict__)",
        "user.save(update_fields=['password'])",
    ],
)
def test_the_checker_leaves_other_calls_alone(source):
    assert writes_in(source) == []


# The derived tables: written by the unit of work alone ------------------------------------

UNIT_OF_WORK = ROOT / "services" / "money_changes"


def derived_model_names() -> set[str]:
    from ledger.services.money_changes import tables

    return {table.model.__name__ for table in tables.DERIVED_TABLES}


def modules_outside_the_unit_of_work() -> list[Path]:
    """Every module of the app but the unit of work's own and the migrations; of the tests,
    the factories (the tests that break a total on purpose write it directly)."""
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not path.is_relative_to(UNIT_OF_WORK)
        and path.relative_to(ROOT).parts[0] not in ("migrations", "tests")
    ) + [ROOT / "tests" / "factories.py"]


def test_no_module_but_the_unit_of_work_writes_a_derived_table():
    derived = derived_model_names()
    assert "MonthlyTotal" in derived
    writes = {
        str(path.relative_to(ROOT.parent)): found
        for path in modules_outside_the_unit_of_work()
        if (found := find_writes(path.read_text(), derived))
    }
    assert writes == {}


def sql_writes_to(source: str, tables: set[str]) -> list[str]:
    """The string constants of `source` that write one of `tables` in SQL."""
    write = re.compile(r"\b(INSERT|UPDATE|DELETE|TRUNCATE|MERGE)\b", re.IGNORECASE)
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and write.search(node.value)
        and any(table in node.value for table in tables)
    ]


def test_no_module_but_the_unit_of_work_writes_a_derived_table_in_sql():
    from ledger.services.money_changes import tables

    names = {table.model._meta.db_table for table in tables.DERIVED_TABLES}
    found = {
        str(path.relative_to(ROOT.parent)): writes
        for path in modules_outside_the_unit_of_work()
        if (writes := sql_writes_to(path.read_text(), names))
    }
    assert found == {}


def test_the_sql_check_finds_a_raw_write():
    source = 'cursor.execute("DELETE FROM ledger_monthlytotal WHERE budget_id = %s", [1])'
    assert sql_writes_to(source, {"ledger_monthlytotal"}) == [
        "DELETE FROM ledger_monthlytotal WHERE budget_id = %s"
    ]
    assert sql_writes_to('run("ANALYZE ledger_monthlytotal")', {"ledger_monthlytotal"}) == []


def test_outside_the_unit_of_work_only_its_package_is_imported():
    # Its modules (the derived tables' writes, the locks) are its own: others go through
    # `money_changes()` and the names the package exports.
    inner = "ledger.services.money_changes."
    found = {
        str(path.relative_to(ROOT.parent)): node.module
        for path in [*modules_outside_the_unit_of_work(), *(ROOT / "tests").rglob("*.py")]
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(inner)
    }
    assert found == {}


def test_the_checker_finds_a_derived_table_written_outside_the_unit_of_work():
    source = (
        "from ledger.models import MonthlyTotal\n"
        "def f(budget):\n"
        "    MonthlyTotal.objects.filter(budget=budget).delete()\n"
    )
    assert [call for _, call in find_writes(source, {"MonthlyTotal"})] == [
        "MonthlyTotal.objects.filter(budget=budget).delete"
    ]
