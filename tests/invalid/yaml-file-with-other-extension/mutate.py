"""Evidence files named .yml and .YAML: only *.yaml files are read, and the others are not skipped in silence."""


def mutate(root):
    items = root / "evidence" / "items"
    (items / "valley-news.yaml").rename(items / "valley-news.yml")
    (items / "council-statement.yaml").rename(items / "council-statement.YAML")
