"""Matching, skills gaps and learning routes: services and selectors around the engines in
``doorleren.engine.matching`` and ``doorleren.engine.routes``, and their command-line tools."""
