"""An unquoted integer of 4,301 digits, one more than Python converts from text by default, and
a sexagesimal one (YAML 1.1 reads 1:0:0 as 3600) long enough to take minutes to compute."""


def mutate(root):
    path = root / "evidence" / "items" / "council-statement.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("credibility: 4", "credibility: " + "9" * 4301)
    path.write_text(text.replace("credibility: 3", "credibility: 1" + ":0" * 200_000), encoding="utf-8")
