"""From a new document to reviewed evidence: read it, propose candidate passages, review them.

The stages, one module each, in the order data flows:
  extract.py   a file (plain text, HTML, PDF) → its text and what it says about itself
  fetch.py     a URL → the same, fetched with a timeout, a size limit and a checked type
  furniture.py running headers and footers, captions, credits, bylines, boxes: out of the text
  passages.py  text → sentences and paragraphs with character offsets
  speakers.py  who says a passage, whether a party, which report it relays
  cues.py      the rules folder's cues and aliases, and the stance lexicon, compiled
  learn.py     reviewed evidence → a TF-IDF nearest-neighbour model (no download, no threads)
  context.py   what the suggester knows before it reads: profiles, neighbours, names, origins
  stance.py    how a passage's words read: negation, supposition, forecast, the deal described
  suggest.py   passages → candidates with up to four suggestions each (and twins)
  following.py sentences that speak of the one before, and the topics they take from it
  details.py   a candidate's indicator, event date and the reviewed passage it repeats
  when.py      dates stated without a year, read against the document's date
  draft.py     a drafted source entry, ids, the review file's contents
  review.py    the review file: its schema (item:, add:, origins:) and its strict reading
  build.py     decisions → evidence items and origins, suggestions filled in, the analyst's fields winning
  apply.py     a review applied: checked as `validate` checks, written all or none
  prompt.py    the terminal review (prompt_item.py: its item commands)
  audit.py     the audit log's records (written in each change's transaction: scorecard/transaction.py)
  progress.py  a progress bar on a terminal, nothing on a pipe

Heavy libraries (trafilatura, pypdf) are imported inside extract.py's readers only.
"""
