"""Files saved with old Mac line endings (CR alone): one YAML file with a schema error on line 15,
another with a byte that is not UTF-8 on line 26, and a document with such a byte on its line 5
(its recorded hash updated to match). Every position counts CR as the end of a line."""

import hashlib


def mutate(root):
    items = root / "evidence" / "items"
    news = (items / "valley-news.yaml").read_bytes().replace(b"stance: compliance\n      indicator: fence",
                                                             b"stance: complience\n      indicator: fence")
    (items / "valley-news.yaml").write_bytes(news.replace(b"\n", b"\r"))
    council = (items / "council-statement.yaml").read_bytes().replace(b"stance: breach", b"stance: \x92breach")
    (items / "council-statement.yaml").write_bytes(council.replace(b"\n", b"\r"))
    doc = root / "evidence" / "documents" / "valley-news-2021-06-10.txt"
    old = hashlib.sha256(doc.read_bytes()).hexdigest()
    doc.write_bytes(doc.read_bytes().replace(b"\n", b"\r").replace(b"Workers from", b"Workers \x92from"))
    sources = root / "evidence" / "sources.yaml"
    new = hashlib.sha256(doc.read_bytes()).hexdigest()
    sources.write_text(sources.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
