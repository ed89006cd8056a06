"""Evidence files moved into a subfolder of items/, which is not read."""


def mutate(root):
    items = root / "evidence" / "items"
    (items / "2021").mkdir()
    (items / "valley-news.yaml").rename(items / "2021" / "valley-news.yaml")
