"""A value nested a thousand lists deep on one line. libyaml reads ahead of what it has delivered
and, since 0.2.6, gives up at 1,000 levels with its own words; the project's limit (64) must be
what is reported, at the 65th level, whichever libyaml is installed."""


def mutate(root):
    path = root / "evidence" / "origins.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  kind: interview", "  kind: " + "[" * 1000 + "]" * 1000), encoding="utf-8")
