"""Writes the Okta OpenAPI schemas the fake answers with, and every schema they reference, as JSON.

Usage: python3 scripts/extract-okta-schemas.py <okta-management-openapi.yaml> > src/testing/__fixtures__/okta-schemas.json
"""

import json
import sys

import yaml

ROOT_SCHEMAS = ["User", "UserGetSingleton", "Group", "StandardRole", "CustomRole", "Error", "OrgSetting"]
PREFIX = "#/components/schemas/"
# Descriptions and examples are for people; the validator needs only the structure.
DROPPED_KEYS = {"description", "example", "examples", "x-enumDescriptions", "title"}


def strip(node):
    if isinstance(node, dict):
        return {key: strip(value) for key, value in node.items() if key not in DROPPED_KEYS}
    if isinstance(node, list):
        return [strip(item) for item in node]
    return node


def references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(PREFIX):
                yield value[len(PREFIX):]
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def main(path):
    with open(path, encoding="utf-8") as file:
        document = yaml.safe_load(file)
    schemas = document["components"]["schemas"]
    selected = {}
    pending = list(ROOT_SCHEMAS)
    while pending:
        name = pending.pop()
        if name in selected:
            continue
        selected[name] = strip(schemas[name])
        pending.extend(references(selected[name]))
    json.dump(
        {"version": document["info"]["version"], "roots": ROOT_SCHEMAS, "schemas": dict(sorted(selected.items()))},
        sys.stdout,
        indent=1,
        sort_keys=False,
        default=str,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
