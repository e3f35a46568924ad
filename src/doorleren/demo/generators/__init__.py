"""The parts of the demo generator: each module builds one kind of data from a ``DemoContext``."""
