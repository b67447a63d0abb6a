"""Text helpers every layer may use: Vietnamese folding, collation and dates, editor Markdown made safe, argparse in Vietnamese.
Imports nothing from bulletin."""
