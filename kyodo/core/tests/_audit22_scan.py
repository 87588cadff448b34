"""What the code can write into an audit row, read from the source: for every call of
``audit_log``, ``audit_entry`` and ``update_fields`` (tests excluded), its actions, the model of
its object and the keys of its ``changes`` (with the keys of a dict nested under a key).

The keys are followed through the call's function: a dict written in the call, a variable
assigned a dict, given keys (``changes["x"] = …``), merged (``|=``, ``**``), a helper's returned
dict, ``diff_fields`` and ``update_fields``' lists of fields (their values taken from the module
when they are names). Anything it cannot follow is returned as ``unknown``, so that a new way of
writing an audit row fails the test until the test learns it.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps

from kyodo.core.tests.test_audit import _constant_keys, _dynamic_values

KYODO = Path(__file__).resolve().parents[2]

# The model of a call's object, where its variable's name does not say it (app, name) → label.
OBJECT_MODELS = {
    ("collaboration", "call"): "collaboration.ProposalCall",
    ("collaboration", "record"): "collaboration.Collaboration",
    ("collaboration", "row"): "collaboration.CountingSettings",
    ("collaboration", "attachment"): "collaboration.ProposalAttachment",
    ("committees", "item"): "committees.AgendaItem",
    ("committees", "a"): "committees.AgendaItem",
    ("committees", "document"): "committees.AgendaDocument",
    ("committees", "correction"): "committees.CorrectionRequest",
    ("committees", "recipient"): "committees.CirculationRecipient",
    ("committees", "target"): "committees.Minutes",
    ("committees", "action"): "committees.ActionItem",
    ("committees", "seat"): "committees.Membership",
    ("committees", "person"): "committees.SecretariatMember",
    ("committees", "entry"): "committees.MinutesEntry",
    ("core", "pending"): "core.PendingSubmission",
    ("core", "message"): "core.OutboxMessage",
    ("events", "series"): "events.EventSeries",
    ("events", "note"): "events.EventNote",
    ("reports", "item"): "committees.AgendaItem",
    ("website", "post"): "website.NewsPost",
    ("website", "info"): "website.AccessInfo",
}

# Keys made from data (a criterion's name, 「application 12」, 「1. 議題名」): where they occur.
DYNAMIC_KEYS = {
    # A review's scores by criterion: the criterion's name, as staff named it.
    "kyodo.collaboration.review.submitted",
    # An event's attendance per application: 「application <id>」 (audit.py words it).
    "kyodo.events.event.attendance_recorded",
    # A written vote's items (under "items"): 「<number>. <title>」.
    "kyodo.committees.meeting.written_vote",
}


@dataclass
class Site:
    where: str
    actions: list[str]
    model: type | None
    keys: set[str] = field(default_factory=set)
    # key → the keys of the dict recorded under it (a written vote's choice and comment)
    nested: dict[str, set[str]] = field(default_factory=dict)
    # keys recorded as [old, new] (or [from, until]): a list of two written in the call
    pairs: set[str] = field(default_factory=set)
    dynamic: bool = False
    unknown: list[str] = field(default_factory=list)


def audit_sites() -> list[Site]:
    sites = []
    for path in sorted(KYODO.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        relative = path.relative_to(KYODO)
        if str(relative) in ("core/audit.py", "core/services.py"):
            continue  # the writers themselves
        module = ".".join(("kyodo", *relative.with_suffix("").parts))
        sites += _Module(path, module).sites()
    return sites


class _Module:
    def __init__(self, path: Path, module: str):
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.where = str(path.relative_to(KYODO))
        self.module = module
        self.app = path.relative_to(KYODO).parts[0]
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.functions = {
            node.name: node
            for node in ast.walk(self.tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }

    def sites(self) -> list[Site]:
        found = []
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in ("audit_log", "audit_entry", "update_fields"):
                continue
            kw = {k.arg: k.value for k in node.keywords}
            if "action" not in kw:
                continue
            site = Site(
                where=f"{self.where}:{node.lineno}",
                actions=self._actions(kw["action"]),
                model=self._model(kw.get("obj") or kw.get("instance")),
            )
            site.dynamic = any(a in DYNAMIC_KEYS for a in site.actions)
            scope = self._scope(node)
            if name == "update_fields":
                listed = kw.get("audited") or kw.get("fields")
                self._keys(listed, scope, site, as_list=True)
                for extra in ("audit_extra", "audit_context"):
                    if extra in kw:
                        self._keys(kw[extra], scope, site)
            elif "changes" in kw:
                self._keys(kw["changes"], scope, site)
            found.append(site)
        return found

    # --- what a call is about -------------------------------------------------------------------

    def _actions(self, node) -> list[str]:
        if isinstance(node, ast.JoinedStr):
            prefix = node.values[0].value
            return [prefix + value for value in _dynamic_values()[prefix]]
        return _constant_keys(node)

    def _model(self, node):
        if node is None:
            return None
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
        label = OBJECT_MODELS.get((self.app, name))
        if label:
            return apps.get_model(label)
        wanted = name.replace("_", "")
        for config in [apps.get_app_config(self.app), *apps.get_app_configs()]:
            for model in config.get_models():
                if model._meta.model_name == wanted:
                    return model
        raise AssertionError(f"{self.where}:{node.lineno}: say in OBJECT_MODELS what {name} is")

    def _scope(self, node) -> ast.AST:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return node
        return self.tree

    # --- the keys an expression's dict can hold -------------------------------------------------

    def _keys(self, node, scope, site: Site, *, as_list: bool = False, depth: int = 0) -> None:
        if node is None or depth > 8:
            return
        down = {"scope": scope, "site": site, "depth": depth + 1}
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if key is None:
                    self._keys(value, **down)
                elif isinstance(key, ast.Constant):
                    site.keys.add(key.value)
                    self._nested(key.value, value, scope, site)
                    if isinstance(value, ast.List) and len(value.elts) == 2:
                        site.pairs.add(key.value)
                elif not site.dynamic:
                    site.unknown.append(f"a key made at run time: {ast.unparse(key)}")
        elif isinstance(node, ast.DictComp):
            self._comprehension_keys(node, scope, site)
        elif isinstance(node, ast.List | ast.Tuple | ast.Set) and as_list:
            for element in node.elts:
                if isinstance(element, ast.Constant):
                    site.keys.add(element.value)
                elif isinstance(element, ast.Starred):
                    self._keys(element.value, **down, as_list=True)
                else:
                    site.unknown.append(f"a field made at run time: {ast.unparse(element)}")
        elif isinstance(node, ast.Name):
            self._name_keys(node.id, scope, site, as_list=as_list, depth=depth)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr | ast.Add):
            self._keys(node.left, **down, as_list=as_list)
            self._keys(node.right, **down, as_list=as_list)
        elif isinstance(node, ast.BoolOp | ast.IfExp):
            parts = node.values if isinstance(node, ast.BoolOp) else [node.body, node.orelse]
            for part in parts:
                self._keys(part, **down, as_list=as_list)
        elif isinstance(node, ast.Lambda):
            self._keys(node.body, node, site, depth=depth + 1)
        elif isinstance(node, ast.Call):
            self._call_keys(node, scope, site, as_list=as_list, depth=depth)
        elif isinstance(node, ast.Constant) and node.value is None:
            return
        else:
            site.unknown.append(f"changes this test cannot read: {ast.unparse(node)}")

    def _nested(self, key: str, value, scope, site: Site) -> None:
        """The keys of a dict recorded under ``key`` (a dict, or a name given dicts)."""
        inner = Site(site.where, site.actions, None, dynamic=True)
        if isinstance(value, ast.Dict):
            self._keys(value, scope, inner)
        elif isinstance(value, ast.Name):
            where, assignments = self._assignments(value.id, scope)
            for _target, assigned in assignments:
                if isinstance(assigned, ast.Dict) and assigned.keys:
                    self._nested_values(assigned, where, inner)
            # given keys: changes[f"…"] = change → the keys of change
            for target, assigned in self._subscripts(value.id, where):
                if not isinstance(target.slice, ast.Constant):
                    self._keys(assigned, where, inner)
        if inner.keys:
            site.nested.setdefault(key, set()).update(inner.keys)

    def _nested_values(self, node, scope, inner: Site) -> None:
        if isinstance(node, ast.Dict):
            for value in node.values:
                if isinstance(value, ast.Dict | ast.Name):
                    self._keys(value, scope, inner)

    def _comprehension_keys(self, node: ast.DictComp, scope, site: Site) -> None:
        (generator,) = node.generators
        key, target = node.key, generator.target
        if isinstance(key, ast.Name) and isinstance(target, ast.Name) and key.id == target.id:
            self._keys(generator.iter, scope, site, as_list=True)
            return
        if isinstance(key, ast.Name) and isinstance(target, ast.Tuple):
            names = [getattr(t, "id", None) for t in target.elts]
            if key.id in names and isinstance(generator.iter, ast.Tuple | ast.List):
                index = names.index(key.id)
                for element in generator.iter.elts:
                    if isinstance(element, ast.Tuple) and isinstance(
                        element.elts[index], ast.Constant
                    ):
                        site.keys.add(element.elts[index].value)
                    else:
                        site.unknown.append(f"a key this test cannot read: {ast.unparse(node)}")
                return
            if key.id in names and isinstance(generator.iter, ast.Call):
                # {name: change[1] for name, change in proposed.items()}: proposed's keys
                if isinstance(generator.iter.func, ast.Attribute):
                    self._keys(generator.iter.func.value, scope, site)
                    return
        if not site.dynamic:
            site.unknown.append(f"keys made at run time: {ast.unparse(node)}")

    def _call_keys(self, node: ast.Call, scope, site: Site, *, as_list: bool, depth: int):
        name = getattr(node.func, "id", getattr(node.func, "attr", None))
        if name == "diff_fields":
            self._keys(node.args[2], scope, site, as_list=True, depth=depth + 1)
        elif name in ("list", "tuple", "sorted", "set") and node.args:
            self._keys(node.args[0], scope, site, as_list=as_list, depth=depth + 1)
        elif name == "dict" and len(node.args) == 1:
            # dict(audit_context or {}): a copy of what it is given
            for keyword in node.keywords:
                site.keys.add(keyword.arg)
            self._keys(node.args[0], scope, site, as_list=as_list, depth=depth + 1)
        elif name in ("dict", "given") and not node.args:
            # given(a=…, b=…): the keywords whose value is not UNCHANGED
            for keyword in node.keywords:
                site.keys.add(keyword.arg)
        elif name in self.functions:
            self._function_keys(self.functions[name], site, depth)
        else:
            site.unknown.append(f"changes this test cannot read: {ast.unparse(node)}")

    def _function_keys(self, function, site: Site, depth: int) -> None:
        for node in ast.walk(function):
            if isinstance(node, ast.Return) and self._scope(node) is function:
                self._keys(node.value, function, site, depth=depth + 1)

    def _name_keys(self, name: str, scope, site: Site, *, as_list: bool, depth: int) -> None:
        if name in self.functions and isinstance(self.functions[name], ast.FunctionDef):
            # audit_extra=tell_members: the dicts it returns
            self._function_keys(self.functions[name], site, depth)
            return
        if (function := self._keywords_of(name, scope)) is not None:
            # **audit of def _renumber(…, **audit): the keywords its callers give.
            for call in ast.walk(self.tree):
                if isinstance(call, ast.Call) and getattr(call.func, "id", None) == function.name:
                    declared = {a.arg for a in function.args.args + function.args.kwonlyargs}
                    site.keys.update(
                        k.arg for k in call.keywords if k.arg and k.arg not in declared
                    )
            return
        if isinstance(scope, ast.FunctionDef) and name in {
            a.arg for a in scope.args.args + scope.args.kwonlyargs
        }:
            # audit_context=… of def department_update(…, audit_context=None): what its
            # callers in the module give.
            for call in ast.walk(self.tree):
                if isinstance(call, ast.Call) and getattr(call.func, "id", None) == scope.name:
                    for keyword in call.keywords:
                        if keyword.arg == name:
                            self._keys(keyword.value, self._scope(call), site, depth=depth + 1)
            return
        where, assignments = self._assignments(name, scope)
        if where is self.tree:
            # A module's list of fields (EVENT_FIELDS, or made from a dataclass): its value.
            value = getattr(importlib.import_module(self.module), name, None)
            if isinstance(value, list | tuple | set | frozenset) and all(
                isinstance(v, str) for v in value
            ):
                site.keys.update(value)
            else:
                site.unknown.append(f"{name}: neither assigned in the function nor a list")
            return
        for _target, value in assignments:
            self._keys(value, where, site, as_list=as_list, depth=depth + 1)
        for target, value in self._subscripts(name, where):
            if isinstance(target.slice, ast.Constant):
                site.keys.add(target.slice.value)
                self._nested(target.slice.value, value, where, site)
                if isinstance(value, ast.List) and len(value.elts) == 2:
                    site.pairs.add(target.slice.value)
            elif (looped := self._loop_constants(target.slice, where)) is not None:
                site.keys.update(looped)
            elif not site.dynamic:
                site.unknown.append(f"a key given at run time: {ast.unparse(target)}")

    def _loop_constants(self, node, scope) -> list[str] | None:
        """The values ``node`` (a loop's variable) takes in ``for … in ((\"a\", …), …)``."""
        if not isinstance(node, ast.Name):
            return None
        for loop in ast.walk(scope):
            if not isinstance(loop, ast.For) or not isinstance(loop.iter, ast.Tuple | ast.List):
                continue
            names = [loop.target] if isinstance(loop.target, ast.Name) else loop.target.elts
            ids = [getattr(n, "id", None) for n in names]
            if node.id not in ids:
                continue
            index = ids.index(node.id)
            values = []
            for element in loop.iter.elts:
                item = element.elts[index] if isinstance(element, ast.Tuple) else element
                if not isinstance(item, ast.Constant):
                    return None
                values.append(item.value)
            return values
        return None

    def _keywords_of(self, name: str, scope):
        """The function around ``scope`` whose ``**name`` gathers its extra keywords, or None."""
        while scope is not self.tree:
            if isinstance(scope, ast.FunctionDef) and scope.args.kwarg is not None:
                if scope.args.kwarg.arg == name:
                    return scope
            scope = self._scope(scope)
        return None

    def _assignments(self, name: str, scope) -> tuple[ast.AST, list[tuple[ast.AST, ast.AST]]]:
        """The scope assigning ``name`` (``scope`` or a function around it, or the module), and
        the (target, value) of its ``name = …``, ``name: T = …``, ``name |= …``, ``(name := …)``."""
        while True:
            found = []
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name) and target.id == name:
                            found.append((target, node.value))
                        elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                            for t, v in zip(target.elts, node.value.elts, strict=False):
                                if isinstance(t, ast.Name) and t.id == name:
                                    found.append((t, v))
                elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr):
                    target = node.target
                    if isinstance(target, ast.Name) and target.id == name and node.value:
                        found.append((target, node.value))
            if found or scope is self.tree:
                return scope, found
            scope = self._scope(scope)

    def _subscripts(self, name: str, scope) -> list[tuple[ast.Subscript, ast.AST]]:
        """(target, value) of ``name[…] = …`` in ``scope``."""
        found = []
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.value, ast.Name)
                        and target.value.id == name
                    ):
                        found.append((target, node.value))
        return found
