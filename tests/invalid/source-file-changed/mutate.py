"""One byte of a source document changes after its hash was recorded."""


def mutate(root):
    doc = root / "evidence" / "documents" / "valley-news-2021-06-10.txt"
    doc.write_bytes(doc.read_bytes().replace(b"Valley News\n", b"Valley Newz\n", 1))
