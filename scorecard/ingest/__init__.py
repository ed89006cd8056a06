"""From a new document to reviewed evidence: read it, propose candidate passages, review them.

The stages, one module each, in the order data flows:
  extract.py   a file (plain text, HTML, PDF) → its text and what it says about itself
  passages.py  text → sentences and paragraphs with character offsets
  cues.py      the rules folder's cues and aliases, and the stance lexicon, compiled
  learn.py     reviewed evidence → a TF-IDF nearest-neighbour model (no download, no threads)
  suggest.py   passages → candidates with up to three suggestions each
  draft.py     a drafted source entry, ids, the review file's contents
  review.py    decisions (from a review file or the terminal) → evidence items, checked and written
  audit.py     the audit log's records (written in each change's transaction: scorecard/transaction.py)
  progress.py  a progress bar on a terminal, nothing on a pipe

Heavy libraries (trafilatura, pypdf) are imported inside extract.py's readers only.
"""
