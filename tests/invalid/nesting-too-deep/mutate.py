"""A value nested a thousand lists deep (deep enough to exhaust Python's recursion; libyaml's
composer itself crashes near 50,000 levels)."""


def mutate(root):
    path = root / "evidence" / "origins.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  kind: interview", "  kind: " + "[" * 1000 + "]" * 1000), encoding="utf-8")
