#!/usr/bin/env python3
"""Synthetic specs for the scale measurements of issue 15 (scripts/scale.sh runs them).

Shapes, each written as a base and a revision with a few real changes:

  replicated MB     a corpus Vapi document's paths and component schemas copied under new
                    names (`/call` -> `/call-7`, `Assistant` -> `Assistant_7`, every `$ref`
                    rewritten to its copy) until the document reaches MB megabytes; the
                    revision removes one enum value in every copy.
  fanout N          N operations whose request and response bodies all reach one 20-level
                    schema graph; the revision lowers a maxLength at its deepest level.
  files N           a root document whose N schemas each live in a file of their own
                    (`schemas/S17.yaml`), referenced from N paths; the revision changes one.
  enum N            one request body property with an N-value enum; the revision drops the
                    first value and adds one at the end.
  properties N      one request body object of N properties; the revision drops the first
                    and adds one at the end.
  paths N           N paths of one operation each; the revision removes the first and adds
                    one at the end.
  crossrefs N       N component schemas, each referring to the next two (a web, not a tree),
                    reached from one operation; the revision lowers a maxLength in the last.

Usage: scale.py SHAPE SIZE OUTDIR   (writes OUTDIR/base.json and OUTDIR/revision.json, or
OUTDIR/base/ and OUTDIR/revision/ folders for `files`). Standard library only.
"""

import copy
import json
import os
import re
import sys

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus")
VAPI = os.path.join(CORPUS, "vapi", "2026-08-18_0494c2f3.json")


def rename_refs(node, suffix):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/components/schemas/"):
                out[k] = v + suffix
            else:
                out[k] = rename_refs(v, suffix)
        return out
    if isinstance(node, list):
        return [rename_refs(v, suffix) for v in node]
    return node


def drop_one_enum_value(schemas):
    """Removes the last value of the first enum found, in place: a real breaking change."""
    stack = list(schemas.values())
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            values = node.get("enum")
            if isinstance(values, list) and len(values) > 1:
                values.pop()
                return
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def replicated(megabytes, out):
    with open(VAPI) as f:
        doc = json.load(f)
    one = len(json.dumps(doc["paths"])) + len(json.dumps(doc["components"]["schemas"]))
    copies = max(1, int(megabytes * 1_000_000 / one))
    base = copy.deepcopy(doc)
    base["paths"], base["components"]["schemas"] = {}, {}
    revision = copy.deepcopy(base)
    for i in range(copies):
        suffix = f"_{i}"
        paths = {re.sub(r"^/([^/]+)", rf"/\1-{i}", p): rename_refs(v, suffix) for p, v in doc["paths"].items()}
        for item in paths.values():
            for op in item.values():
                if isinstance(op, dict) and "operationId" in op:
                    op["operationId"] += suffix
        schemas = {k + suffix: rename_refs(v, suffix) for k, v in doc["components"]["schemas"].items()}
        base["paths"].update(paths)
        base["components"]["schemas"].update(schemas)
        changed = copy.deepcopy(schemas)
        drop_one_enum_value(changed)
        revision["paths"].update(paths)
        revision["components"]["schemas"].update(changed)
    write(out, base, revision)


def fanout(operations, out):
    def graph(max_length):
        schemas = {}
        for level in range(20):
            props = {f"f{j}": {"type": "string"} for j in range(5)}
            if level < 19:
                props["next"] = {"$ref": f"#/components/schemas/L{level + 1}"}
            else:
                props["leaf"] = {"type": "string", "maxLength": max_length}
            schemas[f"L{level}"] = {"type": "object", "properties": props}
        return schemas

    def doc(max_length):
        body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/L0"}}}}
        paths = {
            f"/r{i}": {
                "post": {
                    "operationId": f"op{i}",
                    "requestBody": body,
                    "responses": {"200": {"description": "ok", **body}},
                }
            }
            for i in range(operations)
        }
        return {
            "openapi": "3.0.3",
            "info": {"title": "fanout", "version": "1.0.0"},
            "paths": paths,
            "components": {"schemas": graph(max_length)},
        }

    write(out, doc(100), doc(50))


def files(count, out):
    for side, changed in (("base", None), ("revision", 0)):
        root = os.path.join(out, side)
        os.makedirs(os.path.join(root, "schemas"), exist_ok=True)
        paths = {}
        for i in range(count):
            limit = 50 if i == changed else 100
            with open(os.path.join(root, "schemas", f"S{i}.json"), "w") as f:
                json.dump({"type": "object", "properties": {"name": {"type": "string", "maxLength": limit}}}, f)
            paths[f"/s{i}"] = {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": f"schemas/S{i}.json"}}}},
                    "responses": {"200": {"description": "ok"}},
                }
            }
        with open(os.path.join(root, "openapi.json"), "w") as f:
            json.dump({"openapi": "3.0.3", "info": {"title": "files", "version": "1.0.0"}, "paths": paths}, f)


def body_doc(schema, paths=None):
    post = {
        "requestBody": {"content": {"application/json": {"schema": schema}}},
        "responses": {"200": {"description": "ok"}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "hostile", "version": "1.0.0"},
        "paths": paths if paths is not None else {"/big": {"post": post}},
    }


def enum(n, out):
    values = lambda shift: [f"v{i}" for i in range(shift, n + shift)]
    doc = lambda shift: body_doc({"type": "object", "properties": {"kind": {"type": "string", "enum": values(shift)}}})
    write(out, doc(0), doc(1))


def properties(n, out):
    props = lambda shift: {f"p{i}": {"type": "string"} for i in range(shift, n + shift)}
    write(out, body_doc({"type": "object", "properties": props(0)}), body_doc({"type": "object", "properties": props(1)}))


def paths(n, out):
    def doc(shift):
        ops = {f"/p{i}": {"get": {"operationId": f"op{i}", "responses": {"200": {"description": "ok"}}}} for i in range(shift, n + shift)}
        return body_doc(None, ops)
    write(out, doc(0), doc(1))


def crossrefs(n, out):
    def doc(limit):
        schemas = {}
        for i in range(n):
            props = {"name": {"type": "string", "maxLength": limit if i == n - 1 else 100}}
            for j in (i + 1, i + 2):
                if j < n:
                    props[f"to{j}"] = {"$ref": f"#/components/schemas/S{j}"}
            schemas[f"S{i}"] = {"type": "object", "properties": props}
        d = body_doc({"$ref": "#/components/schemas/S0"})
        d["components"] = {"schemas": schemas}
        return d
    write(out, doc(100), doc(50))


def write(out, base, revision):
    os.makedirs(out, exist_ok=True)
    for name, doc in (("base.json", base), ("revision.json", revision)):
        with open(os.path.join(out, name), "w") as f:
            json.dump(doc, f, indent=1)


if __name__ == "__main__":
    shape, size, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    shapes = {"replicated": replicated, "fanout": fanout, "files": files, "enum": enum, "properties": properties, "paths": paths, "crossrefs": crossrefs}
    shapes[shape](size if shape == "replicated" else int(size), out)
