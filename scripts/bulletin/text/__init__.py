"""Text helpers every layer may use: Vietnamese folding, collation and dates, and editor Markdown made safe.
Imports nothing from bulletin."""
