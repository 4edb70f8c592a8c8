#!/usr/bin/env python3
"""Public surface of an OpenAPI Generator Python client, its diff, and a check of specver against it.

Standard library only. Used by scripts/sdk-surface.sh (see its header for how to run it);
the three sub-commands can also be run by hand:

    sdk_surface.py extract PKG_DIR OUT.json
    sdk_surface.py diff OLD_SURFACE.json NEW_SURFACE.json OUT_ITEMS.json
    sdk_surface.py match ITEMS.json SPECVER.json OLD_SPEC NEW_SPEC OUT_DIR [--label TEXT]

What the surface is (read with `ast`, the generated code is never imported)
---------------------------------------------------------------------------
* API classes (`PKG/api/*_api.py`): each public method (not the `_with_http_info` /
  `_without_preload_content` twins, not `_private` ones) with its parameters in order
  (name, wire name as serialised by `_<method>_serialize`, required = no default, type text),
  its return type, its `_response_types_map`, and its HTTP method and path (the
  `param_serialize(method=..., resource_path=...)` call of the serialiser).
* Model classes (`PKG/models/*.py`):
  - plain models: fields (JSON name = `alias=` or the attribute name, attribute name, type
    text, required = no default), and for each enum property the allowed values, read from the
    `@field_validator('attr')` method's `set([...])` literal (the generator validates enums
    inside the model; an `items` enum validates `for i in value`, same literal);
  - oneOf / anyOf wrappers (`actual_instance` + `one_of_schemas` / `any_of_schemas`): the set of
    variant class names (the set literal, which is what the validator accepts);
  - `class X(str, Enum)` enum classes, if any: their member values.
  Type text is the annotation with `Annotated[T, Field(...)]` reduced to `T` (descriptions,
  examples and constraints are not the generated type) and `Optional[...]` kept.

Request / response models
-------------------------
Roots: a method's return type and the 2xx entries of its `_response_types_map` are *response*
models; a parameter whose type names a model (the body) is a *request* model. Both sets are
closed over field types and oneOf/anyOf variants. A class reached by neither is `none` (Vapi
has many schemas only used by webhooks or server messages; the client never (de)serialises them
on its own). The direction used for an item is the union of the old and the new client's.

Surface items (diff)
--------------------
breaking=True when code written against the old client, or the old client's deserialiser, fails:
  api-class-removed, method-removed, method-renamed (same HTTP method+path, new name),
  param-removed, param-renamed (same wire name or same position and type), param-became-required,
  param-new-required, param-positional-order-changed (order of the required, positional
  parameters), param-type-changed, return-type-changed,
  model-removed, model-renamed (same field set), field-removed, field-renamed (same type, one
  removed one added), field-type-changed, field-became-required / field-new-required (request
  models: the old constructor call lacks it), field-became-optional (response models: the old
  client requires it and rejects a payload without it), enum-value-added (response models: the
  old validator raises ValueError), enum-value-removed (request models: the old value is now
  rejected), oneof-variant-added (response wrappers: the old wrapper rejects the payload),
  oneof-variant-removed (request wrappers), field-constraint-loosened (response models: the
  old model's max_length / le / pattern ... rejects the new values), field-constraint-tightened
  (request models), field-class-renamed (the field's class has the same shape under another
  name: code naming the class breaks; when neither name is a component schema it is the
  generator naming a shared inline schema after another occurrence, category
  `generator-inline-naming`: no spec change to report).
  Value-level items on `none` models (not reached by any operation) are breaking=False: the
  client never deserialises them. Everything else that changed is listed with breaking=False
  (optional field added, enum value added to a request-only model, ...).

Matching rules (match)
----------------------
A specver change is *error* when its level or the level of any of its `operations` entries is
`error`. Its locations are its base, revision and `also` pointers. A pointer is walked into
generated class names the way OpenAPI Generator's InlineModelResolver names inline schemas:
`/components/schemas/X` -> X; `/paths/P/M/requestBody/.../schema` -> `<operationId>Request`;
`/paths/P/M/responses/C/.../schema` -> `<operationId><C>Response`; then `properties/p` ->
(class, p) and an inline class `<class><p>`; `items` -> `<class>Inner`; `oneOf|anyOf/i` ->
`<class>OneOf[i]`/`<class>AnyOf[i]` (allOf stays in the class). Names are compared lower-cased
with non-alphanumerics removed. OpenAPI Generator makes one class of identical inline schemas,
named after the first occurrence, so a class also answers to <P><f> (and <P><f>Inner for a list)
for every field f of a class P whose type names it (three levels deep). A change also carries its operations (METHOD path) and the
`backticked` / "quoted" names of its message.
  * field items (class C, JSON field f) match a change with (C, f) on one of its pointers;
    value items (enum value) also need the value in the message, unless the change is a
    structural one at that field (type-changed / -generalized / -specialized, list-of-types-*,
    became-one-of / -any-of, wrapped-in-*, became-enum, enum-removed, const-*: these cover the
    values); field-removed/renamed also match a
    change located at C whose message names f.
  * oneof-variant items (wrapper W, variant V) match a change whose walked classes include W
    (or whose operations include an operation returning W) and whose message names V.
  * return-type-changed matches a `response-*` change on the method's operation;
    param-type-changed / param-constraint-tightened a `request-parameter-*` change there.
  * model items (class C) match a change whose walked classes include C at the end of the walk
    or whose message names C (api-schema-removed / renamed).
  * method / class items match a change on the method's operation whose id is about the
    operation itself (endpoint-*, api-path-*, api-removed-*, api-operation-id-*, api-tag-*,
    *renamed*).
  * param items match a change on the method's operation whose pointer reaches that parameter,
    or whose message names its wire name, or (body parameter) whose pointer is the request body.
recall = breaking items matched by an error change / breaking items;
precision = error changes matched by some breaking item / error changes.
Each miss goes to misses.tsv with a reason category (first column) for a human to explain.
"""

import ast
import json
import os
import re
import sys
from collections import Counter, defaultdict


def norm(name):
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


# ---------------------------------------------------------------- extract

def strip_annotation(node):
    """Reduce Annotated[T, ...] to T recursively; return source text."""

    class T(ast.NodeTransformer):
        def visit_Subscript(self, n):
            self.generic_visit(n)
            if isinstance(n.value, ast.Name) and n.value.id == "Annotated":
                sl = n.slice
                if isinstance(sl, ast.Tuple) and sl.elts:
                    return sl.elts[0]
            return n

    if node is None:
        return ""
    node = T().visit(ast.parse(ast.unparse(node), mode="eval").body)
    text = ast.unparse(node)
    # Strict* and plain builtins are the same generated type for our purpose.
    text = re.sub(r"\bStrict(Str|Int|Float|Bool|Bytes)\b", lambda m: m.group(1).lower(), text)
    return text


CONSTRAINT_KEYS = {"max_length": "max", "min_length": "min", "le": "max", "lt": "max", "ge": "min", "gt": "min",
                   "max_items": "max", "min_items": "min", "pattern": "pattern", "multiple_of": "pattern"}


def constraints(node):
    """Validation constraints the pydantic model enforces: {key: value} from the Field(...) calls of
    the annotation (the largest value of a key when union members repeat it)."""
    out = {}
    if node is None:
        return out
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Field":
            for kw in n.keywords:
                if kw.arg in CONSTRAINT_KEYS and isinstance(kw.value, ast.Constant):
                    v = kw.value.value
                    if kw.arg in out and isinstance(v, (int, float)) and isinstance(out[kw.arg], (int, float)):
                        v = max(v, out[kw.arg])
                    out[kw.arg] = v
    return out


def names_in(text):
    return set(re.findall(r"\b[A-Z][A-Za-z0-9_]*\b", text))


def literal_strings(node):
    out = []
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "set" and n.args:
            a = n.args[0]
            if isinstance(a, (ast.List, ast.Tuple, ast.Set)):
                out.extend(e.value for e in a.elts if isinstance(e, ast.Constant))
            break
    return out


def field_required(value):
    if value is None:
        return True
    if isinstance(value, ast.Constant):
        return False
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "Field":
        for kw in value.keywords:
            if kw.arg in ("default", "default_factory"):
                return False
        if value.args:  # Field(None, ...) / Field(..., ...)
            a = value.args[0]
            return isinstance(a, ast.Constant) and a.value is Ellipsis
        return True
    return False


def field_alias(value):
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "Field":
        for kw in value.keywords:
            if kw.arg == "alias" and isinstance(kw.value, ast.Constant):
                return kw.value.value
    return None


def extract_model(cls):
    model = {"kind": "model", "fields": {}, "variants": [], "enum_values": []}
    attr_to_json = {}
    bases = [ast.unparse(b) for b in cls.bases]
    if any("Enum" in b for b in bases):
        model["kind"] = "enum"
        for st in cls.body:
            if isinstance(st, ast.Assign) and isinstance(st.value, ast.Constant):
                model["enum_values"].append(st.value.value)
        return model
    for st in cls.body:
        if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name):
            attr = st.target.id
            if attr in ("one_of_schemas", "any_of_schemas"):
                model["kind"] = "oneOf" if attr == "one_of_schemas" else "anyOf"
                vals = []
                if st.value is not None:
                    for n in ast.walk(st.value):
                        if isinstance(n, ast.Constant) and isinstance(n.value, str):
                            vals.append(n.value)
                model["variants"] = sorted(set(vals))
                continue
            if attr.startswith("__") or attr == "actual_instance" or re.match(r"(oneof|anyof)_schema_\d+_validator", attr):
                continue
            if "ClassVar" in ast.unparse(st.annotation):
                continue
            json_name = field_alias(st.value) or attr
            attr_to_json[attr] = json_name
            model["fields"][json_name] = {
                "attr": attr,
                "type": strip_annotation(st.annotation),
                "required": field_required(st.value),
                "constraints": constraints(st.annotation),
                "enum": None,
            }
    for st in cls.body:  # Literal['a', 'b'] annotations, where a generator version emits them
        if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.target.id in attr_to_json:
            lits = [c.value for n in ast.walk(st.annotation)
                    if isinstance(n, ast.Subscript) and getattr(n.value, "id", "") == "Literal"
                    for c in ast.walk(n.slice) if isinstance(c, ast.Constant)]
            if lits:
                model["fields"][attr_to_json[st.target.id]]["enum"] = sorted(set(lits), key=str)
    for st in cls.body:
        if isinstance(st, ast.FunctionDef):
            for dec in st.decorator_list:
                if isinstance(dec, ast.Call) and getattr(dec.func, "id", "") == "field_validator":
                    attrs = [a.value for a in dec.args if isinstance(a, ast.Constant)]
                    if not st.name.endswith("_validate_enum"):
                        continue
                    vals = literal_strings(st)
                    for a in attrs:
                        j = attr_to_json.get(a)
                        if j is not None:
                            model["fields"][j]["enum"] = sorted(set(vals))
    return model


def serialize_info(fn):
    """Wire names and HTTP method/path from a _<m>_serialize function."""
    wire, where, http = {}, {}, [None, None]
    for n in ast.walk(fn):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
            if n.func.attr == "append" and n.args and isinstance(n.args[0], ast.Tuple):
                t = n.args[0].elts
                if len(t) == 2 and isinstance(t[0], ast.Constant) and isinstance(t[1], ast.Name):
                    owner = ast.unparse(n.func.value)
                    wire[t[1].id] = t[0].value
                    where[t[1].id] = "query" if "query" in owner else "form"
            if n.func.attr == "param_serialize":
                for kw in n.keywords:
                    if kw.arg == "method" and isinstance(kw.value, ast.Constant):
                        http[0] = kw.value.value
                    if kw.arg == "resource_path" and isinstance(kw.value, ast.Constant):
                        http[1] = kw.value.value
        if isinstance(n, ast.Assign) and len(n.targets) == 1:
            tg = n.targets[0]
            if isinstance(tg, ast.Subscript) and isinstance(n.value, ast.Name):
                owner = ast.unparse(tg.value)
                sl = tg.slice
                if isinstance(sl, ast.Constant) and owner in ("_path_params", "_header_params", "_files"):
                    wire[n.value.id] = sl.value
                    where[n.value.id] = {"_path_params": "path", "_header_params": "header", "_files": "form"}[owner]
            if isinstance(tg, ast.Name) and tg.id == "_body_params" and isinstance(n.value, ast.Name):
                wire[n.value.id] = "(body)"
                where[n.value.id] = "body"
    return wire, where, http


def extract(pkg):
    surface = {"apis": {}, "models": {}}
    api_dir = os.path.join(pkg, "api")
    for fname in sorted(os.listdir(api_dir)):
        if not fname.endswith(".py") or fname == "__init__.py":
            continue
        tree = ast.parse(open(os.path.join(api_dir, fname), encoding="utf-8").read())
        for cls in tree.body:
            if not isinstance(cls, ast.ClassDef):
                continue
            fns = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
            methods = {}
            for name, fn in fns.items():
                if name.startswith("_") or name.endswith("_with_http_info") or name.endswith("_without_preload_content"):
                    continue
                ser = fns.get("_%s_serialize" % name)
                wire, where, http = serialize_info(ser) if ser else ({}, {}, [None, None])
                args = fn.args.args[1:]
                defaults = [None] * (len(args) - len(fn.args.defaults)) + list(fn.args.defaults)
                params = []
                for a, d in zip(args, defaults):
                    if a.arg.startswith("_"):
                        continue
                    params.append({
                        "name": a.arg,
                        "wire": wire.get(a.arg, a.arg),
                        "in": where.get(a.arg, "?"),
                        "required": d is None,
                        "type": strip_annotation(a.annotation),
                        "constraints": constraints(a.annotation),
                    })
                rtm = {}
                for n in ast.walk(fn):
                    if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.target.id == "_response_types_map" and isinstance(n.value, ast.Dict):
                        for k, v in zip(n.value.keys, n.value.values):
                            if isinstance(k, ast.Constant) and isinstance(v, ast.Constant):
                                rtm[k.value] = v.value
                methods[name] = {
                    "params": params,
                    "returns": strip_annotation(fn.returns),
                    "response_types": rtm,
                    "http": http,
                }
            surface["apis"][cls.name] = {"methods": methods}
    model_dir = os.path.join(pkg, "models")
    for fname in sorted(os.listdir(model_dir)):
        if not fname.endswith(".py") or fname == "__init__.py":
            continue
        tree = ast.parse(open(os.path.join(model_dir, fname), encoding="utf-8").read())
        for cls in tree.body:
            if isinstance(cls, ast.ClassDef):
                surface["models"][cls.name] = extract_model(cls)
    surface["directions"] = directions(surface)
    return surface


def directions(surface):
    models = surface["models"]
    req, resp = set(), set()
    for api in surface["apis"].values():
        for m in api["methods"].values():
            rt = set(names_in(m["returns"]))
            for code, t in m["response_types"].items():
                if str(code).startswith("2") and t:
                    rt |= names_in(t)
            resp |= {n for n in rt if n in models}
            for p in m["params"]:
                req |= {n for n in names_in(p["type"]) if n in models}

    def close(seed):
        seen, todo = set(), list(seed)
        while todo:
            c = todo.pop()
            if c in seen or c not in models:
                continue
            seen.add(c)
            m = models[c]
            for f in m["fields"].values():
                todo.extend(n for n in names_in(f["type"]) if n in models)
            todo.extend(v for v in m["variants"] if v in models)
        return seen

    req, resp = close(req), close(resp)
    out = {}
    for c in models:
        out[c] = "both" if c in req and c in resp else "request" if c in req else "response" if c in resp else "none"
    return out


# ---------------------------------------------------------------- diff

def union_dir(a, b):
    s = set()
    for d in (a, b):
        if d in ("request", "both"):
            s.add("request")
        if d in ("response", "both"):
            s.add("response")
    return "both" if len(s) == 2 else (s.pop() if s else "none")


def diff(old, new):
    items = []

    def add(kind, breaking, **kw):
        kw.update(kind=kind, breaking=breaking)
        items.append(kw)

    od, nd = old["directions"], new["directions"]

    def dir_of(c):
        return union_dir(od.get(c, "none"), nd.get(c, "none"))

    # --- APIs
    new_by_http = {}
    for cn, api in new["apis"].items():
        for mn, m in api["methods"].items():
            new_by_http[tuple(m["http"])] = (cn, mn)
    for cn, api in old["apis"].items():
        if cn not in new["apis"]:
            add("api-class-removed", True, api=cn,
                ops=[m["http"] for m in api["methods"].values()],
                detail="%d methods" % len(api["methods"]))
        for mn, m in api["methods"].items():
            op = m["http"]
            napi = new["apis"].get(cn, {"methods": {}})
            nm = napi["methods"].get(mn)
            if nm is None:
                moved = new_by_http.get(tuple(op))
                if moved:
                    if moved[1] != mn:
                        add("method-renamed", True, api=cn, method=mn, ops=[op], detail="%s -> %s.%s" % (mn, moved[0], moved[1]))
                    else:
                        add("method-moved-class", True, api=cn, method=mn, ops=[op], detail="-> %s" % moved[0])
                    nm = new["apis"][moved[0]]["methods"][moved[1]]
                else:
                    add("method-removed", True, api=cn, method=mn, ops=[op])
                    continue
            diff_params(add, cn, mn, m, nm)
            if m["returns"] != nm["returns"]:
                add("return-type-changed", True, api=cn, method=mn, ops=[op], detail="%s -> %s" % (m["returns"], nm["returns"]))

    # --- models
    om, nmodels = old["models"], new["models"]
    removed = [c for c in om if c not in nmodels]
    added = [c for c in nmodels if c not in om]
    sig = lambda m: (m["kind"], tuple(sorted((k, v["type"]) for k, v in m["fields"].items())), tuple(m["variants"]))
    added_by_sig = defaultdict(list)
    for c in added:
        added_by_sig[sig(nmodels[c])].append(c)
    for c in removed:
        cand = added_by_sig.get(sig(om[c]))
        if cand and (len(om[c]["fields"]) >= 2 or om[c]["variants"]):
            add("model-renamed", True, model=c, dir=dir_of(c), detail="%s -> %s" % (c, cand[0]), to=cand[0])
        else:
            add("model-removed", True, model=c, dir=dir_of(c))
    for c in added:
        add("model-added", False, model=c, dir=dir_of(c))
    for c in om:
        if c not in nmodels:
            continue
        diff_model(add, c, om[c], nmodels[c], dir_of(c), om, nmodels)
    return items


def diff_params(add, cn, mn, m, nm):
    op = m["http"]
    old_p = {p["name"]: p for p in m["params"]}
    new_p = {p["name"]: p for p in nm["params"]}
    new_by_wire = {p["wire"]: p for p in nm["params"]}
    gone = [p for p in m["params"] if p["name"] not in new_p]
    fresh = [p for p in nm["params"] if p["name"] not in old_p]
    for p in gone:
        twin = new_by_wire.get(p["wire"]) if p["wire"] != "(body)" else next((q for q in fresh if q["wire"] == "(body)"), None)
        if twin is None:
            twin = next((q for q in fresh if q["type"] == p["type"] and q["required"] == p["required"] and q["in"] == p["in"]), None)
        if twin is not None and twin["name"] not in old_p:
            add("param-renamed", True, api=cn, method=mn, ops=[op], param=p["name"], wire=p["wire"], where=p["in"],
                detail="%s -> %s" % (p["name"], twin["name"]), to_wire=twin["wire"])
            fresh = [q for q in fresh if q is not twin]
        else:
            add("param-removed", True, api=cn, method=mn, ops=[op], param=p["name"], wire=p["wire"], where=p["in"])
    for p in fresh:
        add("param-new-required" if p["required"] else "param-new-optional", p["required"], api=cn, method=mn, ops=[op],
            param=p["name"], wire=p["wire"], where=p["in"])
    for name, p in old_p.items():
        q = new_p.get(name)
        if q is None:
            continue
        if q["required"] and not p["required"]:
            add("param-became-required", True, api=cn, method=mn, ops=[op], param=name, wire=p["wire"], where=p["in"])
        loosened, tightened = constraint_change(p.get("constraints", {}), q.get("constraints", {}))
        if tightened:
            add("param-constraint-tightened", True, api=cn, method=mn, ops=[op], param=name, wire=p["wire"], where=p["in"],
                detail=", ".join(tightened))
        if p["type"] != q["type"]:
            add("param-type-changed", True, api=cn, method=mn, ops=[op], param=name, wire=p["wire"], where=p["in"],
                detail="%s -> %s" % (p["type"], q["type"]))
    old_pos = [p["name"] for p in m["params"] if p["required"] and p["name"] in new_p]
    new_pos = [p["name"] for p in nm["params"] if p["required"] and p["name"] in old_p]
    if old_pos != new_pos and sorted(old_pos) == sorted(new_pos):
        add("param-positional-order-changed", True, api=cn, method=mn, ops=[op], param=",".join(old_pos),
            wire=",".join(old_p[n]["wire"] for n in old_pos), where="path", detail="%s -> %s" % (old_pos, new_pos))


def constraint_change(a, b):
    """-> (loosened, tightened) descriptions. Loosened: the new spec allows values the old
    client rejects (breaks deserialising responses); tightened: the old client sends values the
    new spec rejects (the new client would refuse them: breaks request code)."""
    loosened, tightened = [], []
    for k in sorted(set(a) | set(b)):
        kind = CONSTRAINT_KEYS[k]
        x, y = a.get(k), b.get(k)
        text = "%s %s -> %s" % (k, x, y)
        if x == y:
            continue
        if x is None:
            tightened.append(text)
        elif y is None:
            loosened.append(text)
        elif kind == "pattern":
            loosened.append(text)
            tightened.append(text)
        elif kind == "max":
            (loosened if y > x else tightened).append(text)
        else:
            (loosened if y < x else tightened).append(text)
    return loosened, tightened


def shape_text(t, models):
    """Type text with each model class name replaced by a fingerprint of its shape (kind,
    field names and types, variants): equal shape texts mean the field's class only changed
    name (a component renamed, or the generator naming a deduplicated inline schema after
    another occurrence)."""
    def fp(m):
        x = models.get(m.group(0))
        if x is None:
            return m.group(0)
        key = (x["kind"], tuple(sorted((k, v["type"]) for k, v in x["fields"].items())), tuple(x["variants"]), tuple(x["enum_values"]))
        return "<%x>" % (hash(repr(key)) & 0xFFFFFFFF)
    return re.sub(r"\b[A-Z][A-Za-z0-9_]*\b", fp, t)


def diff_model(add, c, o, n, d, om=None, nm=None):
    reads = d in ("response", "both")
    writes = d in ("request", "both")
    if o["kind"] != n["kind"]:
        add("model-kind-changed", True, model=c, dir=d, detail="%s -> %s" % (o["kind"], n["kind"]))
    for v in sorted(set(n["variants"]) - set(o["variants"])):
        add("oneof-variant-added", reads, model=c, dir=d, value=v)
    for v in sorted(set(o["variants"]) - set(n["variants"])):
        add("oneof-variant-removed", writes, model=c, dir=d, value=v)
    for v in sorted(set(n["enum_values"]) - set(o["enum_values"]), key=str):
        add("enum-value-added", reads, model=c, dir=d, value=v)
    for v in sorted(set(o["enum_values"]) - set(n["enum_values"]), key=str):
        add("enum-value-removed", writes, model=c, dir=d, value=v)
    of, nf = o["fields"], n["fields"]
    gone = [f for f in of if f not in nf]
    fresh = [f for f in nf if f not in of]
    for f in gone:
        twin = next((g for g in fresh if nf[g]["type"] == of[f]["type"] and nf[g]["enum"] == of[f]["enum"]), None)
        if twin is not None and len(gone) <= 3:
            add("field-renamed", True, model=c, dir=d, field=f, detail="%s -> %s" % (f, twin), to=twin)
            fresh.remove(twin)
        else:
            add("field-removed", True, model=c, dir=d, field=f, detail=of[f]["type"])
    for f in fresh:
        if nf[f]["required"]:
            add("field-new-required", writes, model=c, dir=d, field=f, detail=nf[f]["type"])
        else:
            add("field-new-optional", False, model=c, dir=d, field=f)
    for f in of:
        if f not in nf:
            continue
        a, b = of[f], nf[f]
        ta = re.sub(r"^Optional\[(.*)\]$", r"\1", a["type"])
        tb = re.sub(r"^Optional\[(.*)\]$", r"\1", b["type"])
        if ta != tb:
            same_shape = om is not None and shape_text(ta, om) == shape_text(tb, nm)
            add("field-class-renamed" if same_shape else "field-type-changed", True, model=c, dir=d, field=f,
                detail="%s -> %s" % (a["type"], b["type"]))
        loosened, tightened = constraint_change(a.get("constraints", {}), b.get("constraints", {}))
        if loosened:
            add("field-constraint-loosened", reads, model=c, dir=d, field=f, detail=", ".join(loosened))
        if tightened:
            add("field-constraint-tightened", writes, model=c, dir=d, field=f, detail=", ".join(tightened))
        if b["required"] and not a["required"]:
            add("field-became-required", writes, model=c, dir=d, field=f)
        if a["required"] and not b["required"]:
            add("field-became-optional", reads, model=c, dir=d, field=f)
        ea, eb = a["enum"] or [], b["enum"] or []
        if a["enum"] is not None and b["enum"] is not None:
            for v in sorted(set(eb) - set(ea), key=str):
                add("enum-value-added", reads, model=c, dir=d, field=f, value=v)
            for v in sorted(set(ea) - set(eb), key=str):
                add("enum-value-removed", writes, model=c, dir=d, field=f, value=v)
        elif a["enum"] is not None and b["enum"] is None:
            add("enum-restriction-removed", False, model=c, dir=d, field=f)
        elif a["enum"] is None and b["enum"] is not None:
            add("enum-restriction-added", writes, model=c, dir=d, field=f)


# ---------------------------------------------------------------- match

def unescape(seg):
    return seg.replace("~1", "/").replace("~0", "~")


class Walker:
    def __init__(self, specs):
        self.opid = {}
        self.params = {}
        for spec in specs:
            for path, item in (spec.get("paths") or {}).items():
                if not isinstance(item, dict):
                    continue
                for meth, op in item.items():
                    if isinstance(op, dict) and op.get("operationId"):
                        self.opid.setdefault((path, meth), op["operationId"])
                    if isinstance(op, dict):
                        for i, p in enumerate(op.get("parameters") or []):
                            if isinstance(p, dict) and "name" in p:
                                self.params.setdefault((path, meth, i), p["name"])

    def walk(self, pointer):
        """-> (classes along the walk, (class, field) pairs, final classes, param name, is_body)"""
        segs = [unescape(s) for s in pointer.split("/")[1:]] if pointer else []
        classes, pairs, cur, param, body = set(), set(), set(), None, False
        i = 0
        if len(segs) >= 3 and segs[0] == "components" and segs[1] == "schemas":
            cur = {norm(segs[2])}
            i = 3
        elif len(segs) >= 3 and segs[0] == "paths":
            path, meth = segs[1], segs[2]
            op = norm(self.opid.get((path, meth), ""))
            i = 3
            if len(segs) > 4 and segs[3] == "parameters":
                param = self.params.get((path, meth, int(segs[4]))) if segs[4].isdigit() else None
                return classes, pairs, cur, param, body
            if len(segs) > 3 and segs[3] == "requestBody":
                body = True
                cur = {op + "request"}
            elif len(segs) > 4 and segs[3] == "responses":
                cur = {op + norm(segs[4]) + "response"}
            while i < len(segs) and segs[i] != "schema":
                i += 1
            i += 1
        classes |= cur
        while i < len(segs):
            s = segs[i]
            if s in ("properties", "patternProperties") and i + 1 < len(segs):
                p = segs[i + 1]
                pairs |= {(c, p) for c in cur}
                cur = {c + norm(p) for c in cur}
                i += 2
            elif s in ("oneOf", "anyOf") and i + 1 < len(segs) and segs[i + 1].isdigit():
                k = int(segs[i + 1])
                tag = norm(s)
                cur = {c + tag + ("" if k == 0 else str(k)) for c in cur} | cur
                i += 2
            elif s == "allOf" and i + 1 < len(segs) and segs[i + 1].isdigit():
                i += 2
            elif s == "items":
                cur = {c + "inner" for c in cur} | cur
                i += 1
            elif s == "additionalProperties":
                cur = {c + "value" for c in cur} | cur
                i += 1
            else:
                i += 1
            classes |= cur
        return classes, pairs, cur, param, body


def message_names(msg):
    return {norm(x) for x in re.findall(r"`([^`]*)`", msg)} | {x for x in re.findall(r'"([^"]*)"', msg)}


def load_changes(specver_json, walker):
    data = json.load(open(specver_json))
    out = []
    for idx, ch in enumerate(data.get("changes", [])):
        levels = {ch.get("level")} | {o.get("level") for o in ch.get("operations") or []}
        ptrs = []
        for loc in [ch] + list(ch.get("also") or []):
            for side in ("base", "revision"):
                if loc.get(side) and loc[side].get("pointer") is not None:
                    ptrs.append(loc[side]["pointer"])
        info = {"classes": set(), "pairs": set(), "final": set(), "params": set(), "body": False}
        for p in ptrs:
            c, pr, f, param, body = walker.walk(p)
            info["classes"] |= c
            info["pairs"] |= pr
            info["final"] |= f
            if param:
                info["params"].add(param)
            info["body"] |= body
        ops = {(o["method"].upper(), o["path"]) for o in ch.get("operations") or []}
        for p in ptrs:
            segs = [unescape(s) for s in p.split("/")[1:]]
            if len(segs) >= 3 and segs[0] == "paths":
                ops.add((segs[2].upper(), segs[1]))
        out.append({
            "idx": idx,
            "id": ch.get("id"),
            "level": ch.get("level"),
            "error": "error" in levels,
            "levels": levels,
            "message": ch.get("message", ""),
            # Every value the change lists: a message shows ten at most.
            "values_text": " ".join(str(v) for v in ch.get("values") or []),
            "names": message_names(ch.get("message", "")),
            "ptrs": ptrs,
            "ops": ops,
            **info,
        })
    return out


STRUCTURAL_IDS = re.compile(r"(type-changed|type-generalized|type-specialized|list-of-types|became-one-of|became-any-of|wrapped-in-|became-enum|enum-removed|const-)")
OP_IDS = ("endpoint-", "api-path-", "api-removed-", "api-operation-id-", "api-tag-", "renamed")


def class_aliases(surfaces):
    """Generated class -> the names the pointer walk can give it. OpenAPI Generator makes one
    class of identical inline schemas and names it after the first occurrence, so the inline
    class used by field f of class P is also reached as <P><f> (and <P><f>Inner for a list)."""
    aliases = defaultdict(set)
    users = []
    for s in surfaces:
        for P, m in s["models"].items():
            aliases[P].add(norm(P))
            for f, fd in m["fields"].items():
                for X in names_in(fd["type"]):
                    if X in s["models"]:
                        users.append((X, P, f, "List[" in fd["type"] or "Dict[" in fd["type"]))
    for _ in range(3):
        for X, P, f, inner in users:
            for a in list(aliases[P]):
                aliases[X].add(a + norm(f))
                if inner:
                    aliases[X].add(a + norm(f) + "inner")
                    aliases[X].add(a + norm(f) + "value")
    return aliases


def item_matches(it, ch, returns_of, aliases=None):
    k = it["kind"]
    msg = ch["message"] + " " + ch["values_text"]
    cs = (aliases or {}).get(it.get("model"), set()) | {norm(it.get("model", ""))}
    if "model" in it and "field" in it:
        f = it["field"]
        at = any((c, f) in ch["pairs"] for c in cs)
        if k in ("field-removed", "field-renamed", "field-new-required", "field-new-optional") and not at:
            at = bool(cs & ch["final"]) and (norm(f) in ch["names"] or f in ch["names"])
        if not at:
            return False
        if "value" in it:
            return str(it["value"]) in msg or bool(STRUCTURAL_IDS.search(ch["id"]))
        return True
    if "model" in it and "value" in it:  # oneOf variant or class-level enum value
        here = bool(cs & ch["classes"]) or bool(ch["ops"] & returns_of.get(it["model"], set()))
        return here and (norm(it["value"]) in ch["names"] or str(it["value"]) in msg)
    if "model" in it:
        return bool(cs & ch["final"]) or norm(it["model"]) in ch["names"]
    if "method" in it or k == "api-class-removed":
        ops = {(o[0], o[1]) for o in it.get("ops", []) if o and o[0]}
        if not (ops & ch["ops"]):
            return False
        if "param" in it:
            wires = set(it.get("wire", "").split(",")) | {it.get("to_wire", "")}
            if it.get("where") == "body" or "(body)" in wires:
                return ch["body"] or any(ch["id"].startswith(p) for p in ("request-body",))
            if k.startswith("param-") and ch["id"].startswith("request-parameter") and ch["params"] & wires:
                return True
            return bool(wires & ch["params"]) or bool({norm(w) for w in wires} & ch["names"]) or any(w in ch["names"] for w in wires)
        if k == "return-type-changed":
            return ch["id"].startswith("response-")
        return any(s in ch["id"] for s in OP_IDS)
    return False


def categorize_item(it, near):
    """Reason category for a breaking surface item without an error-level specver change."""
    if near:
        ids = sorted({"%s@%s" % (c["id"], "/".join(sorted(c["levels"]))) for c in near})
        return "specver-lower-level", ", ".join(ids[:3])
    return "specver-silent", ""


def categorize_change(ch, nonbreaking, known_classes):
    if nonbreaking:
        return "client-sees-non-breaking", ", ".join(sorted({i["kind"] for i in nonbreaking}))
    cid = ch["id"]
    if re.search(r"(min|max|pattern|length|items|multiple-of|unique)", cid) and "items-removed" not in cid:
        return "constraint-only", ""
    if any(s in cid for s in ("security", "server", "status", "media-type", "header")):
        return "not-in-python-surface", ""
    if ch["classes"] and not (ch["classes"] & known_classes):
        return "location-not-a-generated-class", ""
    return "client-surface-unchanged", ""


def describe_item(it):
    where = it.get("model") or "%s.%s" % (it.get("api"), it.get("method", ""))
    parts = [it["kind"], where]
    for k in ("field", "param", "value"):
        if k in it:
            parts.append("%s=%s" % (k, it[k]))
    if it.get("dir"):
        parts.append("dir=%s" % it["dir"])
    if it.get("detail"):
        parts.append(str(it["detail"]))
    return " ".join(parts)


def match(items_path, specver_json, old_spec, new_spec, out_dir, label=""):
    items = json.load(open(items_path))
    surf = json.load(open(os.path.join(os.path.dirname(items_path), "old-surface.json")))
    nsurf = json.load(open(os.path.join(os.path.dirname(items_path), "new-surface.json")))
    specs = [json.load(open(old_spec)), json.load(open(new_spec))]
    walker = Walker(specs)
    components = {norm(n) for sp in specs for n in ((sp.get("components") or {}).get("schemas") or {})}
    changes = load_changes(specver_json, walker)
    known = {norm(c) for c in list(surf["models"]) + list(nsurf["models"])}
    # operations whose response type is a wrapper (for inline oneOf bodies)
    returns_of = defaultdict(set)
    for s in (surf, nsurf):
        for api in s["apis"].values():
            for m in api["methods"].values():
                for n in names_in(m["returns"]):
                    returns_of[n].add(tuple(m["http"]))
    aliases = class_aliases([surf, nsurf])
    errors = [c for c in changes if c["error"]]
    breaking = [i for i in items if i["breaking"]]
    matched_changes = set()
    misses = []
    recall_hits = 0
    per_kind = defaultdict(lambda: [0, 0])
    for it in breaking:
        hits = [c for c in errors if item_matches(it, c, returns_of, aliases)]
        per_kind[it["kind"]][1] += 1
        if hits:
            recall_hits += 1
            per_kind[it["kind"]][0] += 1
            matched_changes |= {c["idx"] for c in hits}
            it["specver"] = sorted({c["id"] for c in hits})
        else:
            near = [c for c in changes if not c["error"] and item_matches(it, c, returns_of, aliases)]
            cat, extra = categorize_item(it, near)
            if "model" in it and norm(it["model"]) not in components:
                cat += "(inline)"  # a class named by the generator after an inline schema
            if it["kind"] in ("field-class-renamed", "model-renamed"):
                named = names_in(it.get("detail", ""))
                if named and not ({norm(x) for x in named} & components):
                    cat = "generator-inline-naming"  # no spec change: the generator named a shared inline shape differently
            misses.append(("recall", cat + ":" + it["kind"] + (":" + it.get("dir") if it.get("dir") else ""), describe_item(it), extra))
    nonbreaking = [i for i in items if not i["breaking"]]
    for c in errors:
        if c["idx"] in matched_changes:
            continue
        nb = [i for i in nonbreaking if item_matches(i, c, returns_of, aliases)]
        cat, extra = categorize_change(c, nb, known)
        misses.append(("precision", cat + ":" + c["id"], c["message"][:200], (c["ptrs"][0] if c["ptrs"] else "") + (" " + extra if extra else "")))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "misses.tsv"), "w") as fh:
        fh.write("side\tcategory\titem\tnote\n")
        for m in misses:
            fh.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in m) + "\n")
    with open(os.path.join(out_dir, "items-matched.json"), "w") as fh:
        json.dump(items, fh, indent=1)
    summary = {
        "label": label,
        "surface_items": len(items),
        "breaking_items": len(breaking),
        "breaking_items_matched": recall_hits,
        "recall": round(recall_hits / len(breaking), 4) if breaking else None,
        "specver_changes": len(changes),
        "specver_errors": len(errors),
        "specver_errors_matched": len(matched_changes),
        "precision": round(len(matched_changes) / len(errors), 4) if errors else None,
        "per_kind": {k: {"matched": v[0], "total": v[1]} for k, v in sorted(per_kind.items())},
        "recall_miss_categories": Counter(m[1] for m in misses if m[0] == "recall").most_common(),
        "precision_miss_categories": Counter(m[1] for m in misses if m[0] == "precision").most_common(),
    }
    with open(os.path.join(out_dir, "summary.json"), "w") as fh:
        json.dump(summary, fh, indent=1)
    r = summary["recall"]
    p = summary["precision"]
    print("%s: breaking items %d, matched %d (recall %s); specver errors %d, matched %d (precision %s)" % (
        label, len(breaking), recall_hits, "n/a" if r is None else "%.1f%%" % (100 * r),
        len(errors), len(matched_changes), "n/a" if p is None else "%.1f%%" % (100 * p)))
    return summary


def main(argv):
    if len(argv) >= 3 and argv[0] == "extract":
        s = extract(argv[1])
        json.dump(s, open(argv[2], "w"), indent=1, sort_keys=True)
        print("%s: %d API classes, %d methods, %d models" % (
            argv[2], len(s["apis"]), sum(len(a["methods"]) for a in s["apis"].values()), len(s["models"])))
    elif len(argv) >= 4 and argv[0] == "diff":
        items = diff(json.load(open(argv[1])), json.load(open(argv[2])))
        json.dump(items, open(argv[3], "w"), indent=1)
        c = Counter((i["kind"], i["breaking"]) for i in items)
        print("%d surface items, %d breaking" % (len(items), sum(1 for i in items if i["breaking"])))
        for (k, b), n in sorted(c.items()):
            print("  %-34s %-9s %d" % (k, "breaking" if b else "-", n))
    elif len(argv) >= 6 and argv[0] == "match":
        label = ""
        if "--label" in argv:
            label = argv[argv.index("--label") + 1]
        match(argv[1], argv[2], argv[3], argv[4], argv[5], label)
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
