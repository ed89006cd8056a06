"""A value nested 100 block mappings deep, each on its own line (libyaml reads these one line at a
time, so the depth check meets them before libyaml's own limit could)."""


def mutate(root):
    path = root / "evidence" / "origins.yaml"
    text = path.read_text(encoding="utf-8")
    deep = "".join("\n" + "  " * (n + 2) + f"k{n}:" for n in range(100)) + " x"
    path.write_text(text.replace("  kind: interview", "  kind:" + deep), encoding="utf-8")
