"""Ingest: from raw news text to dated, attributed company events.

    from tracker.ingest import extract, Article, split_articles

``split_articles(text, doc, facts)`` finds the articles inside one document and their
publication dates; ``extract(text, doc, registry, facts, published=None)`` returns every dated
company event of the text (``list[Event]``) and the registry rows of organisations first met in
it (``list[dict]``, each ``tracker.registry.new_company``). Input is already-decoded text;
``tracker.ingest.document.read_document`` turns a file's text (a web page, or plain text) into
the text these read.
"""

from tracker.ingest.articles import Article, split_articles
from tracker.ingest.pipeline import extract

__all__ = ["Article", "extract", "split_articles"]
