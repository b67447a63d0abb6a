"""Developers' tools: the fictional sample, the synthetic organisation and the benchmark.
May import the adapter and the core; nothing imports them but the CLI."""
