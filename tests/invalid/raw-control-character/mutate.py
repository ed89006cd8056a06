"""A raw ESC byte (a terminal escape sequence) pasted into a YAML file, not written as an escape."""


def mutate(root):
    path = root / "evidence" / "items" / "valley-news.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("claim: The stream", "claim: \x1b[8mThe stream"), encoding="utf-8")
