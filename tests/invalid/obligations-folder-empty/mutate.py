"""The obligations/ folder is there but holds no obligation."""


def mutate(root):
    for path in (root / "rules" / "mini" / "obligations").iterdir():
        path.unlink()
